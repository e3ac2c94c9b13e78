package io.ftpsbridge.it;

import io.ftpsbridge.it.RawFtpsClient.Reply;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.ftpsbridge.it.FtpsClients.EXPLICIT_PORT;
import static io.ftpsbridge.it.FtpsClients.IMPLICIT_PORT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Command by command over a real socket: reply codes and texts as RFC 959, 2228, 2389, 2428, 3659 and 4217 ask. */
@QuarkusTest
@WithTestResource(S3ProxyTestResource.class)
class ProtocolTest {

    private static RawFtpsClient alice() throws Exception {
        return RawFtpsClient.explicit(EXPLICIT_PORT).login("alice", "alice-secret");
    }

    @Test
    void tlsIsRequiredBeforeLogin() throws Exception {
        try (RawFtpsClient raw = RawFtpsClient.explicit(EXPLICIT_PORT)) {
            Reply user = raw.send("USER alice");
            assertEquals(530, user.code());
            assertTrue(user.text().contains("TLS"), user.text());
            assertEquals(503, raw.send("PBSZ 0").code());
            assertEquals(503, raw.send("PROT P").code());
            assertEquals(530, raw.send("PWD").code(), "commands need a login");
            assertEquals(234, raw.authTls().code());
            assertEquals(534, raw.send("AUTH TLS").code(), "a second AUTH");
            assertEquals(534, raw.send("CCC").code(), "clear text again is refused");
            assertEquals(503, raw.send("PROT P").code(), "PROT before PBSZ");
            assertEquals(331, raw.send("USER alice").code());
            assertEquals(230, raw.send("PASS alice-secret").code());
        }
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() throws Exception {
        try (RawFtpsClient raw = RawFtpsClient.explicit(EXPLICIT_PORT)) {
            raw.authTls();
            assertEquals(331, raw.send("USER alice").code());
            Reply wrong = raw.send("PASS nope");
            assertEquals(331, raw.send("USER nobody").code());
            Reply unknown = raw.send("PASS nope");
            assertEquals(530, wrong.code());
            assertEquals(wrong, unknown);
            assertEquals(503, raw.send("PASS again").code(), "PASS without USER");
        }
    }

    @Test
    void implicitPortSpeaksTlsFromTheFirstByte() throws Exception {
        try (RawFtpsClient raw = RawFtpsClient.implicit(IMPLICIT_PORT)) {
            assertEquals(534, raw.send("AUTH TLS").code());
            raw.login("alice", "alice-secret");
            assertEquals(257, raw.send("PWD").code());
        }
    }

    @Test
    void featListsTheExtensions() throws Exception {
        try (RawFtpsClient raw = RawFtpsClient.explicit(EXPLICIT_PORT)) {
            Reply feat = raw.send("FEAT");
            assertEquals(211, feat.code());
            for (String feature : new String[]{" AUTH TLS", " PBSZ", " PROT", " EPSV", " MLST type*;size*;modify*;perm*;",
                    " SIZE", " MDTM", " MFMT", " REST STREAM", " UTF8"}) {
                assertTrue(feat.text().contains("\n" + feature + "\n") || feat.text().contains("\n" + feature),
                        feature + " in " + feat.text());
            }
        }
    }

    @Test
    void informationalCommands() throws Exception {
        try (RawFtpsClient raw = alice()) {
            assertEquals("215 UNIX Type: L8", raw.send("SYST").toString());
            assertEquals(200, raw.send("NOOP").code());
            assertEquals(214, raw.send("HELP").code());
            assertEquals(214, raw.send("HELP RETR").code());
            Reply stat = raw.send("STAT");
            assertEquals(211, stat.code());
            assertTrue(stat.text().contains("alice"), stat.text());
            assertEquals(200, raw.send("OPTS UTF8 ON").code());
            assertEquals("200 MLST OPTS type;size;", raw.send("OPTS MLST type;size;").toString());
            assertEquals(501, raw.send("OPTS NOPE").code());
            assertEquals(200, raw.send("ALLO 1000").code());
            assertEquals(200, raw.send("ALLO 1000 R 100").code());
            assertEquals(501, raw.send("ALLO lots").code());
        }
    }

    @Test
    void transferParameters() throws Exception {
        try (RawFtpsClient raw = alice()) {
            assertEquals(200, raw.send("TYPE I").code());
            assertEquals(200, raw.send("TYPE A").code());
            assertEquals(504, raw.send("TYPE E").code());
            assertEquals(200, raw.send("MODE S").code());
            assertEquals(504, raw.send("MODE B").code());
            assertEquals(200, raw.send("STRU F").code());
            assertEquals(504, raw.send("STRU R").code());
            assertEquals(350, raw.send("REST 10").code());
            assertEquals(501, raw.send("REST -1").code());
            assertEquals(504, raw.send("PROT S").code());
            assertEquals(504, raw.send("PROT E").code());
        }
    }

    @Test
    void navigationAndAliases() throws Exception {
        try (RawFtpsClient raw = alice()) {
            String dir = "nav-" + System.nanoTime();
            assertEquals(257, raw.send("XMKD " + dir).code());
            assertEquals(250, raw.send("XCWD " + dir).code());
            assertEquals("257 \"/" + dir + "\" is the current directory", raw.send("XPWD").toString());
            assertEquals(250, raw.send("XCUP").code());
            assertEquals(257, raw.send("PWD").code());
            assertEquals(250, raw.send("CWD /" + dir + "/../" + dir + "/./").code());
            assertEquals(250, raw.send("CDUP").code());
            assertEquals(250, raw.send("XRMD " + dir).code());
            assertEquals(550, raw.send("CWD " + dir).code());
            assertEquals(250, raw.send("CWD ../../..").code(), ".. at the root stays at the root");
            assertEquals("257 \"/\" is the current directory", raw.send("PWD").toString());
        }
    }

    @Test
    void unknownAndRefusedCommands() throws Exception {
        try (RawFtpsClient raw = alice()) {
            assertEquals(502, raw.send("XYZZY").code());
            assertEquals(202, raw.send("SITE CHMOD 777 x").code());
            assertEquals(214, raw.send("SITE HELP").code());
            assertEquals(504, raw.send("SITE EXEC rm -rf /").code());
            // Active mode is on in the test profile (LoginDefenceTest shows the default, off).
            assertEquals(200, raw.send("PORT 127,0,0,1,200,10").code());
            assertEquals(200, raw.send("EPRT |1|127.0.0.1|5000|").code());
            assertEquals(503, raw.send("RNTO x").code(), "RNTO without RNFR");
            assertEquals(200, raw.send("NOOP").code(), "the session goes on");
        }
    }

    @Test
    void badInputGetsRepliesNotCrashes() throws Exception {
        try (RawFtpsClient raw = alice()) {
            raw.sendRaw(("NOOP " + "x".repeat(10_000) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            assertEquals(500, raw.read().code(), "over-long line");
            raw.sendRaw(new byte[]{'C', 'W', 'D', ' ', (byte) 0xC3, (byte) 0x28, '\r', '\n'});
            assertEquals(500, raw.read().code(), "not UTF-8");
            raw.sendRaw("\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(500, raw.read().code(), "empty line");
            raw.sendRaw("noop\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(200, raw.read().code(), "lower case verb, bare LF");
            raw.sendRaw(new byte[]{(byte) 0xFF, (byte) 0xF4, (byte) 0xFF, (byte) 0xF2, 'N', 'O', 'O', 'P', '\r', '\n'});
            assertEquals(200, raw.read().code(), "Telnet IP/Synch before a command");
            assertEquals(553, raw.send("MKD bad\u0001name").code(), "control characters in names");
            assertEquals(200, raw.send("NOOP").code());
        }
    }

    @Test
    void httpRequestOnTheControlPortIsAnsweredAndClosedCleanly() throws Exception {
        try (RawFtpsClient raw = RawFtpsClient.explicit(EXPLICIT_PORT)) {
            assertEquals(502, raw.send("GET / HTTP/1.1").code());
            assertEquals(502, raw.send("Host: localhost").code());
        }
    }

    @Test
    void transfersNeedPassiveModeAndProtP() throws Exception {
        try (RawFtpsClient raw = alice()) {
            assertEquals(425, raw.send("LIST").code(), "no PASV/EPSV first");
            assertEquals(200, raw.send("PROT C").code());
            Socket data = raw.openPassive(false);
            assertEquals(521, raw.send("LIST").code(), "clear data refused");
            data.close();
            assertEquals(200, raw.send("PROT P").code());
            Reply pasv = raw.send("PASV");
            assertEquals(227, pasv.code());
            assertTrue(pasv.text().matches("Entering Passive Mode \\(127,0,0,1,\\d+,\\d+\\)\\.?"), pasv.text());
            assertEquals(225, raw.send("ABOR").code(), "ABOR with no transfer closes the idle data port");
            assertEquals(522, raw.send("EPSV 3").code());
        }
    }

    @Test
    void mlstAndListOverTheDataConnection() throws Exception {
        String dir = "mlst-" + System.nanoTime();
        try (RawFtpsClient raw = alice(); StoreInspector store = new StoreInspector()) {
            store.put("alice/" + dir + "/one.txt", "12345".getBytes(StandardCharsets.UTF_8));
            Reply mlst = raw.send("MLST /" + dir + "/one.txt");
            assertEquals(250, mlst.code());
            assertTrue(mlst.text().contains(" type=file;size=5;modify="), mlst.text());
            assertTrue(mlst.text().contains("perm=rwdf; /" + dir + "/one.txt"), mlst.text());
            assertEquals(550, raw.send("MLST /" + dir + "/none.txt").code());
            Socket data = raw.openPassive(true);
            assertEquals(150, raw.send("LIST -la /" + dir).code());
            String listing = new String(data.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(226, raw.read().code());
            assertTrue(listing.matches("-rw-r--r-- 1 alice alice +5 \\w{3} \\d\\d \\d\\d:\\d\\d one\\.txt\r\n"), listing);
            data = raw.openPassive(true);
            assertEquals(550, raw.send("LIST /" + dir + "/missing").code());
            data.close();
        }
    }

    @Test
    void abortOfADownloadAnswers426Then226() throws Exception {
        String dir = "abor-" + System.nanoTime();
        try (RawFtpsClient raw = alice(); StoreInspector store = new StoreInspector()) {
            store.put("alice/" + dir + "/big.bin", new byte[16 * 1024 * 1024]);
            Socket data = raw.openPassive(true);
            assertEquals(150, raw.send("RETR /" + dir + "/big.bin").code());
            InputStream in = data.getInputStream();
            in.readNBytes(64 * 1024);
            raw.sendRaw("ABOR\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(426, raw.read().code());
            assertEquals(226, raw.read().code());
            data.close();
            assertEquals(200, raw.send("NOOP").code());
        }
    }

    @Test
    void statDuringATransferAnswersAtOnce() throws Exception {
        String dir = "stat-" + System.nanoTime();
        try (RawFtpsClient raw = alice(); StoreInspector store = new StoreInspector()) {
            Socket data = raw.openPassive(true);
            assertEquals(150, raw.send("STOR /" + dir + "/slow.bin").code());
            OutputStream out = data.getOutputStream();
            out.write(new byte[100_000]);
            out.flush();
            Reply stat = raw.send("STAT");
            assertEquals(211, stat.code());
            assertTrue(stat.text().contains("transfer is in progress"), stat.text());
            out.write(new byte[100_000]);
            data.close();
            assertEquals(226, raw.read().code());
            assertEquals(200_000, store.get("alice/" + dir + "/slow.bin").orElseThrow().length);
        }
    }

    @Test
    void aStalledUploadIsAbortedAndLeavesNothing() throws Exception {
        String dir = "stall-" + System.nanoTime();
        try (RawFtpsClient raw = alice(); StoreInspector store = new StoreInspector()) {
            Socket data = raw.openPassive(true);
            assertEquals(150, raw.send("STOR /" + dir + "/stalled.bin").code());
            data.getOutputStream().write(new byte[50_000]);
            data.getOutputStream().flush();
            // The test profile's bridge.ftp.data-idle-timeout is 3 s; the client now says nothing.
            Reply reply = raw.read();
            assertEquals(426, reply.code());
            assertTrue(reply.text().contains("no data moved"), reply.text());
            data.close();
            assertTrue(store.keys("alice/" + dir).isEmpty());
            assertEquals(0, store.openMultipartUploads("alice/" + dir));
        }
    }

    @Test
    void anUploadSentWholeBeforeItsStorIsStoredWhole() throws Exception {
        String dir = "early-" + System.nanoTime();
        // More than the bridge keeps for a connection no transfer has taken yet: it stops reading at its limit,
        // and the rest waits in TCP until the STOR comes.
        byte[] content = new byte[1024 * 1024 + 123];
        new Random(11).nextBytes(content);
        try (RawFtpsClient raw = alice(); StoreInspector store = new StoreInspector()) {
            Socket data = raw.openPassive(true);
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try {
                    data.getOutputStream().write(content);
                    data.close();  // close_notify, then FIN: the end arrives before the command
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            Thread.sleep(500);
            assertEquals(150, raw.send("STOR /" + dir + "/early.bin").code());
            sent.get(20, TimeUnit.SECONDS);
            assertEquals(226, raw.read().code());
            assertArrayEquals(content, store.get("alice/" + dir + "/early.bin").orElseThrow());
        }
    }

    @Test
    void aDataConnectionFromAnotherAddressIsRefusedAndTheClientMayStillCome() throws Exception {
        String dir = "steal-" + System.nanoTime();
        try (RawFtpsClient raw = alice(); StoreInspector store = new StoreInspector()) {
            Reply epsv = raw.send("EPSV");
            assertEquals(229, epsv.code());
            int port = Integer.parseInt(epsv.text().replaceAll(".*\\(\\|\\|\\|(\\d+)\\|\\).*", "$1"));
            // Someone on 127.0.0.2 races the client to its passive port: the bridge hangs up on them.
            try (Socket thief = new Socket()) {
                thief.bind(new java.net.InetSocketAddress("127.0.0.2", 0));
                thief.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5000);
                thief.setSoTimeout(5000);
                assertEquals(-1, thief.getInputStream().read(), "closed by the bridge");
            }
            Socket data = new Socket("127.0.0.1", port);
            ResumingFtpsClient.fileForResumption(raw.tlsSession(), data);
            javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) raw.tlsContext().getSocketFactory()
                    .createSocket(data, "127.0.0.1", port, true);
            tls.setUseClientMode(true);
            assertEquals(150, raw.send("STOR /" + dir + "/mine.txt").code());
            tls.startHandshake();
            tls.getOutputStream().write("mine".getBytes(StandardCharsets.UTF_8));
            tls.close();
            assertEquals(226, raw.read().code());
            assertEquals("mine", new String(store.get("alice/" + dir + "/mine.txt").orElseThrow(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void statOfAPathListsOverTheControlConnection() throws Exception {
        String dir = "statpath-" + System.nanoTime();
        try (RawFtpsClient raw = alice(); StoreInspector store = new StoreInspector()) {
            store.put("alice/" + dir + "/a.txt", new byte[3]);
            store.put("alice/" + dir + "/sub/b.txt", new byte[4]);
            Reply stat = raw.send("STAT -la /" + dir);
            assertEquals(213, stat.code());
            String[] lines = stat.text().split("\n");
            assertEquals("Status of /" + dir + ":", lines[0]);
            assertTrue(lines[1].matches(" drwxr-xr-x 1 alice alice +0 .* sub"), lines[1]);
            assertTrue(lines[2].matches(" -rw-r--r-- 1 alice alice +3 .* a\\.txt"), lines[2]);
            assertEquals("213 End of status", lines[3]);
            assertEquals(213, raw.send("STAT /" + dir + "/a.txt").code());
            assertEquals(550, raw.send("STAT /" + dir + "/none").code());
        }
    }

    @Test
    void verbsThatNeedNothingDoneOrAreNotSupported() throws Exception {
        try (RawFtpsClient raw = RawFtpsClient.explicit(EXPLICIT_PORT)) {
            raw.authTls();
            assertEquals(220, raw.send("HOST ftp.example.com").code(), "RFC 7151, before login");
            assertEquals(200, raw.send("CLNT curl 8.0").code());
            assertEquals(502, raw.send("LANG fr").code());
            raw.login("alice", "alice-secret");
            assertEquals(503, raw.send("HOST ftp.example.com").code(), "HOST after login");
            assertEquals(202, raw.send("ACCT billing").code());
            assertEquals(502, raw.send("SMNT /other").code());
            assertEquals(502, raw.send("AVBL").code());
            assertEquals(257, raw.send("PWD").code(), "the session is as it was");
        }
    }

    @Test
    void reinResetsTheSessionToTheGreetingButKeepsTls() throws Exception {
        String dir = "rein-" + System.nanoTime();
        try (RawFtpsClient raw = alice(); StoreInspector store = new StoreInspector()) {
            store.put("alice/" + dir + "/f.txt", "0123456789".getBytes(StandardCharsets.UTF_8));
            assertEquals(250, raw.send("CWD " + dir).code());
            assertEquals(200, raw.send("TYPE A").code());
            assertEquals(350, raw.send("REST 4").code());
            assertEquals(350, raw.send("RNFR f.txt").code());
            assertEquals(200, raw.send("OPTS HASH MD5").code());
            assertEquals(200, raw.send("OPTS MLST size;").code());
            assertEquals(229, raw.send("EPSV").code());
            assertEquals(200, raw.send("EPSV ALL").code());
            assertEquals(220, raw.send("REIN").code());

            assertEquals(530, raw.send("PWD").code(), "logged out");
            assertEquals(530, raw.send("RNTO g.txt").code());
            assertEquals(503, raw.send("PROT P").code(), "PBSZ forgotten");
            assertEquals(534, raw.send("AUTH TLS").code(), "TLS is still on");
            assertEquals(331, raw.send("USER alice").code());
            assertEquals(230, raw.send("PASS alice-secret").code());
            Reply stat = raw.send("STAT");
            assertTrue(stat.text().contains("TYPE: I"), stat.text());
            assertTrue(stat.text().contains("Data protection: Clear"), stat.text());
            assertEquals("257 \"/\" is the current directory", raw.send("PWD").toString());
            assertEquals(503, raw.send("RNTO g.txt").code(), "RNFR forgotten");
            assertEquals("200 SHA-256", raw.send("OPTS HASH").toString());
            assertEquals(425, raw.send("LIST").code(), "the passive port was given back");
            assertEquals(227, raw.send("PASV").code(), "EPSV ALL forgotten");
            assertEquals(200, raw.send("PBSZ 0").code());
            assertEquals(200, raw.send("PROT P").code());
            assertTrue(raw.send("MLST " + dir + "/f.txt").text().contains("type=file;size=10;modify="), "all MLST facts");
            Socket data = raw.openPassive(true);
            assertEquals(150, raw.send("RETR " + dir + "/f.txt").code());
            assertEquals("0123456789", new String(data.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                    "REST offset forgotten");
            assertEquals(226, raw.read().code());
            assertTrue(store.exists("alice/" + dir + "/f.txt"));
        }
    }

    @Test
    void reinWaitsForTheRunningTransferToComplete() throws Exception {
        String dir = "rein-transfer-" + System.nanoTime();
        try (RawFtpsClient raw = alice(); StoreInspector store = new StoreInspector()) {
            Socket data = raw.openPassive(true);
            assertEquals(150, raw.send("STOR /" + dir + "/during.bin").code());
            OutputStream out = data.getOutputStream();
            out.write(new byte[100_000]);
            out.flush();
            raw.sendRaw("REIN\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[100_000]);
            data.close();
            assertEquals(226, raw.read().code(), "the transfer completes under the old login");
            assertEquals(220, raw.read().code(), "then REIN");
            assertEquals(200_000, store.get("alice/" + dir + "/during.bin").orElseThrow().length);
            assertEquals(530, raw.send("PWD").code());
        }
    }

    private static String hex(String algorithm, byte[] data) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance(algorithm).digest(data));
    }

    @Test
    void hashesAreComputedFromTheStoredObject() throws Exception {
        String dir = "hash-" + System.nanoTime();
        byte[] data = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);
        try (RawFtpsClient raw = alice(); StoreInspector store = new StoreInspector()) {
            store.put("alice/" + dir + "/fox.txt", data);
            assertTrue(raw.send("FEAT").text().contains(" HASH SHA-256*;SHA-1;MD5;CRC32"));
            assertEquals("213 SHA-256 0-42 " + hex("SHA-256", data) + " /" + dir + "/fox.txt",
                    raw.send("HASH /" + dir + "/fox.txt").toString());
            assertEquals("200 MD5", raw.send("OPTS HASH md5").toString());
            assertEquals("213 MD5 0-42 " + hex("MD5", data) + " /" + dir + "/fox.txt",
                    raw.send("HASH /" + dir + "/fox.txt").toString());
            assertEquals(501, raw.send("OPTS HASH SHA-512").code());
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(data);
            assertEquals(String.format("250 %08x", crc.getValue()), raw.send("XCRC \"/" + dir + "/fox.txt\"").toString());
            assertEquals("250 " + hex("SHA-1", java.util.Arrays.copyOfRange(data, 4, 9)),
                    raw.send("XSHA1 /" + dir + "/fox.txt 4 9").toString());
            assertEquals("250 " + hex("SHA-256", data), raw.send("XSHA256 /" + dir + "/fox.txt").toString());
            assertEquals("250 " + hex("MD5", data), raw.send("XMD5 /" + dir + "/fox.txt").toString());
            assertEquals(550, raw.send("XMD5 /" + dir + "/none.txt").code());
        }
    }

    @Test
    void onlyAeadCiphersWithForwardSecrecyAreOffered() throws Exception {
        try (javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) RawFtpsClient.trustAll().getSocketFactory()
                .createSocket("127.0.0.1", FtpsClients.IMPLICIT_PORT)) {
            tls.startHandshake();
            String suite = tls.getSession().getCipherSuite();
            assertTrue(suite.contains("_GCM_") || suite.contains("CHACHA20"), suite);
        }
        try (javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) RawFtpsClient.trustAll().getSocketFactory()
                .createSocket("127.0.0.1", FtpsClients.IMPLICIT_PORT)) {
            tls.setEnabledProtocols(new String[]{"TLSv1.2"});
            tls.setEnabledCipherSuites(new String[]{"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256"});
            tls.setSoTimeout(5000);
            org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, tls::startHandshake,
                    "CBC and static-RSA suites are refused");
        }
    }

    @Test
    void pipelinedCommandsAfterAuthAreDiscarded() throws Exception {
        try (RawFtpsClient raw = RawFtpsClient.explicit(EXPLICIT_PORT)) {
            raw.sendRaw("AUTH TLS\r\nUSER alice\r\nPASS alice-secret\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(234, raw.read().code());
        }
    }

    @Test
    void quitSaysGoodbye() throws Exception {
        RawFtpsClient raw = alice();
        assertEquals(221, raw.send("QUIT").code());
        raw.close();
    }
}
