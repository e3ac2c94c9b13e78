package io.ftpsbridge.it;

import io.ftpsbridge.it.RawFtpsClient.Reply;
import io.ftpsbridge.server.ConnectionRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The process-wide cap on control connections (bridge.security.max-connections), below the per-address cap:
 * connections from several loopback addresses count together, the one past the cap gets 421 and is closed, and a
 * slot freed by a client that leaves is given to the next.
 */
@QuarkusTest
@TestProfile(ConnectionCapTest.SmallGlobalCap.class)
@WithTestResource(S3ProxyTestResource.class)
class ConnectionCapTest {

    static final int CAP = 5;

    @Inject
    ConnectionRegistry registry;

    public static class SmallGlobalCap implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "bridge.security.max-connections", Integer.toString(CAP),
                    "bridge.security.max-connections-per-ip", "50",
                    "bridge.ftp.port", "21520",
                    "bridge.ftp.implicit-port", "29520",
                    "bridge.ftp.passive-ports", "31620-31629");
        }
    }

    /** The port in force: the profile's, unless a system property given to the test run overrides it. */
    private static int port() {
        return ConfigProvider.getConfig().getValue("bridge.ftp.port", Integer.class);
    }

    private static RawFtpsClient greeted(String from) throws IOException {
        RawFtpsClient client = RawFtpsClient.connect(from, port());
        Reply greeting = client.read();
        assertEquals(220, greeting.code(), "greeting for a connection from " + from);
        return client;
    }

    /** The server's 421 and then the end of the stream: the connection is refused and closed, not left open. */
    private static void assertRefused(String from) throws IOException {
        try (RawFtpsClient refused = RawFtpsClient.connect(from, port())) {
            refused.socket().setSoTimeout(5_000);
            Reply reply = refused.read();
            assertEquals("421 Too many connections; try again later", reply.toString(), "from " + from);
            assertThrows(IOException.class, refused::read, "closed after the 421");
        }
    }

    @Test
    void theCapCountsEveryAddressAndFreesSlotsOnClose() throws Exception {
        awaitAllClosed();
        List<RawFtpsClient> open = new ArrayList<>();
        try {
            for (String from : new String[]{"127.0.0.1", "127.0.0.1", "127.0.0.2", "127.0.0.2", "127.0.0.3"}) {
                open.add(greeted(from));
            }
            // The 6th connection: below the per-address cap for every one of these addresses, above the total.
            for (String from : new String[]{"127.0.0.1", "127.0.0.3", "127.0.0.4"}) {
                assertRefused(from);
            }
            // Those still in are served: log in and work.
            open.get(2).login("alice", "alice-secret");
            assertEquals(257, open.get(2).send("PWD").code());

            // One leaves: its slot goes to the next connection, from whichever address; then the cap holds again.
            assertEquals(221, open.remove(0).send("QUIT").code());
            open.add(awaitSlot("127.0.0.4"));
            assertRefused("127.0.0.2");
            // A client that drops the connection without QUIT frees its slot too.
            open.remove(0).close();
            open.add(awaitSlot("127.0.0.2"));
            assertRefused("127.0.0.1");
        } finally {
            open.forEach(RawFtpsClient::close);
        }
    }

    /** Connections arriving together from several addresses: never more than the cap get in. */
    @Test
    void aBurstOfConnectionsGetsNoMoreThanTheCap() throws Exception {
        awaitAllClosed();
        int attempts = 24;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        List<RawFtpsClient> admitted = new ArrayList<>();
        try {
            List<Future<RawFtpsClient>> results = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                String from = "127.0.0." + (1 + i % 4);
                Callable<RawFtpsClient> attempt = () -> {
                    RawFtpsClient client = RawFtpsClient.connect(from, port());
                    Reply reply = client.read();
                    if (reply.code() == 220) {
                        return client;
                    }
                    assertEquals(421, reply.code());
                    client.close();
                    return null;
                };
                results.add(pool.submit(attempt));
            }
            for (Future<RawFtpsClient> result : results) {
                RawFtpsClient client = result.get();
                if (client != null) {
                    admitted.add(client);
                }
            }
            assertEquals(CAP, admitted.size(), "connections let in out of " + attempts);
        } finally {
            admitted.forEach(RawFtpsClient::close);
            pool.shutdownNow();
        }
    }

    /** Waits (closing is asynchronous on the server) until a connection from {@code from} is let in. */
    private static RawFtpsClient awaitSlot(String from) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            RawFtpsClient client = RawFtpsClient.connect(from, port());
            Reply reply = client.read();
            if (reply.code() == 220) {
                return client;
            }
            client.close();
            assertTrue(System.nanoTime() < deadline, "no slot freed: " + reply);
            Thread.sleep(50);
        }
    }

    /** Closing is asynchronous on the server: waits until no connection of an earlier test is counted. */
    private void awaitAllClosed() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (registry.size() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, registry.size(), "connections still counted");
    }
}
