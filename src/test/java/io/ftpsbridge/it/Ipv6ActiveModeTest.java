package io.ftpsbridge.it;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Active mode over IPv6: the control connection reaches the bridge at [::1], EPRT |2|::1|port| (RFC 2428) makes
 * the bridge dial the client there, and with PROT P the client stays the TLS client of that connection and resumes
 * its control session (RFC 4217 §7). Another IPv6 address and the IPv4 family are refused.
 */
@QuarkusTest
@TestProfile(Ipv6ActiveModeTest.Ipv6Loopback.class)
@WithTestResource(S3ProxyTestResource.class)
class Ipv6ActiveModeTest {

    private static final int PORT = 21330;

    /** Listeners on the IPv6 loopback only, so that every connection of this test is IPv6. */
    public static class Ipv6Loopback implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "bridge.ftp.host", "::1",
                    "bridge.ftp.active-enabled", "true",
                    "bridge.ftp.port", String.valueOf(PORT),
                    "bridge.ftp.implicit-port", "29330",
                    "bridge.ftp.passive-ports", "31460-31479");
        }
    }

    @Test
    void eprtOverIpv6CarriesAFileBothWaysUnderTls() throws Exception {
        byte[] sent = new byte[3 * 1024 * 1024 + 17];
        new Random(6).nextBytes(sent);
        String name = "eprt-v6-" + System.nanoTime() + ".bin";
        try (RawFtpsClient raw = RawFtpsClient.explicit("::1", PORT).login("alice", "alice-secret");
             ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            listener.setSoTimeout(10_000);
            RawFtpsClient.expect(raw.send("EPRT |2|::1|" + listener.getLocalPort() + "|"), 200);
            raw.sendRaw(("STOR " + name + "\r\n").getBytes());
            try (Socket data = raw.secureActive(listener.accept())) {
                RawFtpsClient.expect(raw.read(), 150);
                OutputStream out = data.getOutputStream();
                out.write(sent);
                out.flush();
            }
            RawFtpsClient.expect(raw.read(), 226);

            RawFtpsClient.expect(raw.send("EPRT |2|::1|" + listener.getLocalPort() + "|"), 200);
            raw.sendRaw(("RETR " + name + "\r\n").getBytes());
            byte[] received;
            try (Socket data = raw.secureActive(listener.accept())) {
                RawFtpsClient.expect(raw.read(), 150);
                received = data.getInputStream().readAllBytes();
            }
            RawFtpsClient.expect(raw.read(), 226);
            assertArrayEquals(sent, received, "RETR over the dialled IPv6 connection");
        }
        try (StoreInspector store = new StoreInspector()) {
            assertTrue(Arrays.equals(sent, store.get("alice/" + name).orElseThrow()), "the object holds the bytes sent");
        }
    }

    @Test
    void eprtToAnotherAddressOrToIpv4IsRefused() throws Exception {
        try (RawFtpsClient raw = RawFtpsClient.explicit("::1", PORT).login("alice", "alice-secret")) {
            RawFtpsClient.Reply other = raw.send("EPRT |2|2001:db8::1|51000|");
            assertEquals(504, other.code(), "only the control connection's own address (RFC 2577): " + other);
            assertEquals(504, raw.send("EPRT |2|0:0:0:0:0:0:0:2|51000|").code());
            assertEquals(504, raw.send("EPRT |2|::1|1023|").code(), "a port below 1024");
            RawFtpsClient.Reply v4 = raw.send("EPRT |1|127.0.0.1|51000|");
            assertEquals(522, v4.code(), v4.toString());
            assertTrue(v4.text().contains("use (2)"), "RFC 2428: the protocols that would be taken: " + v4);
            assertEquals(522, raw.send("PORT 127,0,0,1,200,10").code(), "PORT is IPv4 only");
            // Another spelling of the same address is the same address.
            assertEquals(200, raw.send("EPRT |2|0:0:0:0:0:0:0:1|51000|").code());
        }
    }
}
