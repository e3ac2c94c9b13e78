package io.ftpsbridge.it;

import io.ftpsbridge.datachannel.PassiveListeners;
import io.ftpsbridge.datachannel.PassivePortPool;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.apache.commons.net.ftp.FTPSClient;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The passive range is shared out over every event loop, not bound from one thread onto one loop; sessions on
 * different loops still each get a working data connection of their own. Four loops, more than the cores of a
 * small machine, so that the test means the same everywhere.
 */
@QuarkusTest
@TestProfile(PassiveLanesTest.FourEventLoops.class)
@WithTestResource(S3ProxyTestResource.class)
class PassiveLanesTest {

    public static class FourEventLoops implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.vertx.event-loops-pool-size", "4",
                    "bridge.ftp.port", "21530",
                    "bridge.ftp.implicit-port", "29530",
                    "bridge.ftp.passive-ports", "31640-31659");
        }
    }

    @Inject
    PassivePortPool pool;

    @Inject
    Vertx vertx;

    @Test
    void everyEventLoopAcceptsAShareOfThePassiveRange() {
        assertEquals(4, PassiveListeners.eventLoops(vertx));
        assertEquals(4, pool.lanes());
    }

    @Test
    void concurrentSessionsEachStoreAndReadTheirOwnBytes() throws Exception {
        int sessions = 8;
        ExecutorService clients = Executors.newFixedThreadPool(sessions);
        try {
            List<Future<byte[]>> sent = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                int n = i;
                sent.add(clients.submit(() -> {
                    byte[] data = new byte[300_000 + n];
                    new Random(n).nextBytes(data);
                    FTPSClient client = FtpsClients.explicit("alice", "alice-secret");
                    try {
                        assertTrue(client.storeFile("lanes-" + n + ".bin", new ByteArrayInputStream(data)),
                                client.getReplyString());
                        ByteArrayOutputStream back = new ByteArrayOutputStream();
                        assertTrue(client.retrieveFile("lanes-" + n + ".bin", back), client.getReplyString());
                        assertArrayEquals(data, back.toByteArray(), "bytes read back by session " + n);
                    } finally {
                        FtpsClients.close(client);
                    }
                    return data;
                }));
            }
            try (StoreInspector store = new StoreInspector()) {
                for (int i = 0; i < sessions; i++) {
                    assertArrayEquals(sent.get(i).get(), store.get("alice/lanes-" + i + ".bin").orElseThrow(),
                            "bytes in S3 of session " + i);
                }
            }
        } finally {
            clients.shutdownNow();
        }
    }
}
