package io.ftpsbridge.it;

import io.ftpsbridge.vfs.s3.S3FileSystemProvider;
import io.ftpsbridge.vfs.s3.UploadBufferBudget;
import io.netty.buffer.PooledByteBufAllocator;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.commons.net.ftp.FTPSClient;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * More concurrent uploads than the upload buffer budget can hold: they queue for it (their sockets paused) and
 * all complete byte-exact; the budget is never exceeded, and every byte of it comes back.
 */
@QuarkusTest
@TestProfile(UploadBudgetTest.SmallBudget.class)
@WithTestResource(S3ProxyTestResource.class)
class UploadBudgetTest {

    private static final long MIB = 1024 * 1024;
    private static final long BUDGET = 24 * MIB;

    /** 5M parts, two in flight per upload: 24M holds four parts, so 10 uploads of 20 MiB must take turns. */
    public static class SmallBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "bridge.s3.part-size", "5M",
                    "bridge.s3.upload-concurrency", "2",
                    "bridge.s3.upload-buffer-budget", "24M",
                    // Waiting for budget moves no byte, and counts towards the data idle timeout (3S in %test).
                    "bridge.ftp.data-idle-timeout", "60S",
                    // Ports of its own, so this app never meets another test app's listeners.
                    "bridge.ftp.port", "21311",
                    "bridge.ftp.implicit-port", "29311",
                    "bridge.ftp.passive-ports", "31420-31439");
        }
    }

    @Inject
    S3FileSystemProvider storage;

    @Test
    void moreUploadsThanTheBudgetHoldsAllCompleteByteExact() throws Exception {
        UploadBufferBudget budget = storage.uploadBufferBudget();
        assertEquals(BUDGET, budget.capacity());
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long heapBefore = runtime.totalMemory() - runtime.freeMemory();
        String dir = "budget-" + System.nanoTime();
        int uploads = 10;
        ExecutorService pool = Executors.newFixedThreadPool(uploads);
        List<Future<String>> sessions = new ArrayList<>();
        List<byte[]> files = new ArrayList<>();
        for (int i = 0; i < uploads; i++) {
            files.add(BridgeContract.random((int) (20 * MIB) + i, 100 + i));
        }
        for (int i = 0; i < uploads; i++) {
            byte[] data = files.get(i);
            String name = "/" + dir + "/file-" + i + ".bin";
            sessions.add(pool.submit(() -> {
                FTPSClient client = FtpsClients.explicit("alice", "alice-secret");
                try {
                    return client.storeFile(name, new ByteArrayInputStream(data)) ? "ok" : client.getReplyString();
                } finally {
                    FtpsClients.close(client);
                }
            }));
        }
        // Part buffers are pooled direct memory: sample how much the pool holds while the uploads run.
        AtomicLong peakDirect = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> peakDirect.accumulateAndGet(
                PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory(), Math::max), 0, 10, TimeUnit.MILLISECONDS);
        for (Future<String> session : sessions) {
            assertEquals("ok", session.get(5, TimeUnit.MINUTES));
        }
        pool.shutdown();
        sampler.shutdownNow();
        // The budget plus the pool's granularity (chunks of 4 MiB per arena) and the sockets' own buffers.
        assertTrue(peakDirect.get() <= BUDGET + 40 * MIB, "pooled direct memory peaked at " + peakDirect.get() / MIB + " MiB");

        assertTrue(budget.peakReserved() <= BUDGET, "peak " + budget.peakReserved() + " of " + BUDGET);
        assertTrue(budget.queuedClaims() > 0, "the budget held uploads back");
        assertEquals(0, budget.reserved(), "every buffer given back");
        assertEquals(0, budget.waiting());
        try (StoreInspector store = new StoreInspector()) {
            for (int i = 0; i < uploads; i++) {
                byte[] stored = store.get("alice/" + dir + "/file-" + i + ".bin").orElseThrow();
                assertTrue(Arrays.equals(files.get(i), stored), "bytes of file " + i);
            }
            assertEquals(0, store.openMultipartUploads("alice/" + dir));
        }
        files.clear();
        System.gc();
        long heapAfter = runtime.totalMemory() - runtime.freeMemory();
        // Loose: nothing of 200 MiB of uploads stays behind.
        assertTrue(heapAfter < heapBefore + 64 * MIB,
                "heap " + heapBefore / MIB + " MiB before, " + heapAfter / MIB + " MiB after");
        System.out.printf("upload budget: peak %d of %d bytes, %d claims queued, pooled direct memory peak %d MiB%n",
                budget.peakReserved(), BUDGET, budget.queuedClaims(), peakDirect.get() / MIB);
    }
}
