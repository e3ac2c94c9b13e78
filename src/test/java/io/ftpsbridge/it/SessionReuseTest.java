package io.ftpsbridge.it;

import io.ftpsbridge.it.RawFtpsClient.Reply;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static io.ftpsbridge.it.FtpsClients.EXPLICIT_PORT;
import static io.ftpsbridge.it.FtpsClients.IMPLICIT_PORT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The data channel belongs to its control session (bridge.tls.session-reuse=required, the default): a PROT P data
 * connection must resume the control connection's TLS session; a full handshake, or another user's session, gets
 * 522 and no byte. ALPN other than "ftp" is refused.
 */
@QuarkusTest
@WithTestResource(S3ProxyTestResource.class)
class SessionReuseTest {

    private static RawFtpsClient login(String user) throws IOException {
        return RawFtpsClient.explicit(EXPLICIT_PORT).login(user, user + "-secret");
    }

    private static byte[] readAll(Socket data) throws IOException {
        try (InputStream in = data.getInputStream()) {
            return in.readAllBytes();
        }
    }

    @Test
    void everyTransferResumesTheControlSessionAgain() throws Exception {
        String dir = "reuse-" + System.nanoTime();
        try (RawFtpsClient raw = login("alice"); StoreInspector store = new StoreInspector()) {
            RawFtpsClient.expect(raw.send("MKD /" + dir), 257);
            for (int i = 0; i < 12; i++) {
                byte[] content = ("file " + i + " of a chain of resumptions\n").repeat(100 + i).getBytes(StandardCharsets.UTF_8);
                Socket up = raw.openPassive(true);
                assertTrue(((SSLSocket) up).getSession().getId().length > 0);
                RawFtpsClient.expect(raw.send("STOR /" + dir + "/f" + i), 150);
                try (OutputStream out = up.getOutputStream()) {
                    out.write(content);
                }
                RawFtpsClient.expect(raw.read(), 226);
                assertArrayEquals(content, store.get("alice/" + dir + "/f" + i).orElseThrow());

                Socket down = raw.openPassive(true);
                RawFtpsClient.expect(raw.send("RETR /" + dir + "/f" + i), 150);
                assertArrayEquals(content, readAll(down));
                RawFtpsClient.expect(raw.read(), 226);
            }
        }
    }

    @Test
    void aFullHandshakeOnTheDataConnectionGets522AndStoresNothing() throws Exception {
        String key = "alice/full-handshake-" + System.nanoTime() + ".bin";
        try (RawFtpsClient raw = login("alice"); StoreInspector store = new StoreInspector()) {
            // A fresh client context has no session to resume: the data handshake is a full one.
            Socket data = raw.openPassive(RawFtpsClient.trustAll());
            RawFtpsClient.expect(raw.send("STOR /" + key.substring("alice/".length())), 150);
            try (OutputStream out = data.getOutputStream()) {
                out.write(new byte[64 * 1024]);
            } catch (IOException expected) {
                // the bridge closes the refused connection
            }
            Reply refused = raw.read();
            assertEquals(522, refused.code(), refused.toString());
            assertTrue(refused.text().contains("resume"), refused.text());
            assertFalse(store.exists(key));
            assertEquals(0, store.openMultipartUploads("alice/"));
            // The session goes on: the next transfer resumes and works.
            Socket list = raw.openPassive(true);
            RawFtpsClient.expect(raw.send("NLST /"), 150);
            readAll(list);
            RawFtpsClient.expect(raw.read(), 226);
        }
    }

    @Test
    void anotherUsersOwnSessionOnAVictimsPortGets522AndNoByte() throws Exception {
        String name = "victim-" + System.nanoTime() + ".txt";
        byte[] secret = "alice's confidential figures\n".repeat(50).getBytes(StandardCharsets.UTF_8);
        try (StoreInspector store = new StoreInspector()) {
            store.put("alice/" + name, secret);
        }
        try (RawFtpsClient victim = login("alice"); RawFtpsClient intruder = login("carol")) {
            int port = victim.epsv();
            // carol, logged in from the same address, resumes her own TLS session on alice's passive port.
            Socket stolen = intruder.openData(port, intruder.tlsContext());
            RawFtpsClient.expect(victim.send("RETR /" + name), 150);
            Reply refused = victim.read();
            assertEquals(522, refused.code(), refused.toString());
            byte[] got;
            try {
                got = readAll(stolen);
            } catch (IOException e) {
                got = new byte[0];
            }
            assertEquals(0, got.length, "nothing of alice's file reached carol");
            // Both sessions still work.
            assertEquals(200, victim.send("NOOP").code());
            assertEquals(200, intruder.send("NOOP").code());
        }
    }

    @Test
    void aClientInitiatedRenegotiationIsRefused() throws Exception {
        try (RawFtpsClient raw = login("alice")) {
            SSLSocket control = (SSLSocket) raw.socket();
            assertEquals("TLSv1.2", control.getSession().getProtocol(), "TLS 1.2 while session reuse is required");
            // A second handshake on an established TLS 1.2 connection is a renegotiation.
            assertThrows(IOException.class, () -> {
                control.startHandshake();
                raw.send("NOOP");
            });
        }
    }

    @Test
    void alpnOtherThanFtpIsRefused() throws Exception {
        assertThrows(SSLHandshakeException.class, () -> handshakeWithAlpn("http/1.1"));
        assertThrows(SSLHandshakeException.class, () -> handshakeWithAlpn("smtp", "imap"));
        assertEquals("ftp", handshakeWithAlpn("http/1.1", "ftp"));
        assertEquals("", handshakeWithAlpn());
    }

    private static String handshakeWithAlpn(String... protocols) throws IOException {
        try (SSLSocket socket = (SSLSocket) RawFtpsClient.trustAll().getSocketFactory().createSocket("127.0.0.1", IMPLICIT_PORT)) {
            socket.setSoTimeout(10_000);
            SSLParameters parameters = socket.getSSLParameters();
            if (protocols.length > 0) {
                parameters.setApplicationProtocols(protocols);
            }
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            String chosen = socket.getApplicationProtocol();
            return chosen == null ? "" : chosen;
        }
    }
}
