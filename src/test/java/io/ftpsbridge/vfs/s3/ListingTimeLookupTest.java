package io.ftpsbridge.vfs.s3;

import io.ftpsbridge.vfs.FileEntry;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListingTimeLookupTest {

    private static final Instant LISTED = Instant.parse("2026-11-26T10:00:00Z");
    private static final Instant STORED = Instant.parse("2020-01-02T03:04:05Z");

    /** Answers HeadObject a little later, with a stored time, except for keys containing "gone"; counts requests. */
    private static final class FakeS3 implements S3AsyncClient {
        final ConcurrentLinkedQueue<String> heads = new ConcurrentLinkedQueue<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger mostInFlight = new AtomicInteger();
        private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

        @Override
        public CompletableFuture<HeadObjectResponse> headObject(HeadObjectRequest request) {
            heads.add(request.key());
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            CompletableFuture<HeadObjectResponse> answer = new CompletableFuture<>();
            later.schedule(() -> {
                inFlight.decrementAndGet();
                if (request.key().contains("gone")) {
                    answer.completeExceptionally(NoSuchKeyException.builder().message("gone").build());
                } else {
                    answer.complete(HeadObjectResponse.builder().contentLength(7L).lastModified(LISTED)
                            .metadata(Map.of(StoredModifyTime.METADATA, StoredModifyTime.format(STORED))).build());
                }
            }, 2, TimeUnit.MILLISECONDS);
            return answer;
        }

        @Override
        public String serviceName() {
            return "s3";
        }

        @Override
        public void close() {
            later.shutdown();
        }
    }

    private static List<FileEntry> files(int count) {
        List<FileEntry> entries = new ArrayList<>();
        entries.add(FileEntry.directory("a-directory", LISTED));
        for (int i = 0; i < count; i++) {
            entries.add(FileEntry.file(String.format("f-%03d", i), 7, LISTED));
        }
        return entries;
    }

    @Test
    void aWholeSmallDirectoryGetsItsStoredTimesInOrderSixteenAtATime() throws Exception {
        try (FakeS3 s3 = new FakeS3()) {
            List<FileEntry> listed = files(100);
            List<FileEntry> shown = new ListingTimeLookup(s3, "bucket", 1000).apply("home/d/", listed, true)
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(listed.stream().map(FileEntry::name).toList(), shown.stream().map(FileEntry::name).toList());
            assertEquals(LISTED, shown.get(0).modified(), "directories need no lookup");
            assertTrue(shown.subList(1, shown.size()).stream().allMatch(e -> e.modified().equals(STORED)));
            assertEquals(100, s3.heads.size());
            assertTrue(s3.heads.contains("home/d/f-042"), s3.heads.toString());
            assertTrue(s3.mostInFlight.get() <= ListingTimeLookup.IN_FLIGHT, "in flight: " + s3.mostInFlight.get());
        }
    }

    @Test
    void aPartOfALargerListingOrMoreFilesThanTheLimitCostNothing() throws Exception {
        try (FakeS3 s3 = new FakeS3()) {
            List<FileEntry> listed = files(5);
            assertEquals(listed, new ListingTimeLookup(s3, "bucket", 1000).apply("p/", listed, false).toCompletableFuture().get());
            assertEquals(listed, new ListingTimeLookup(s3, "bucket", 4).apply("p/", listed, true).toCompletableFuture().get());
            assertEquals(listed, new ListingTimeLookup(s3, "bucket", 0).apply("p/", listed, true).toCompletableFuture().get());
            assertEquals(0, s3.heads.size());
            new ListingTimeLookup(s3, "bucket", 5).apply("p/", listed, true).toCompletableFuture().get();
            assertEquals(5, s3.heads.size(), "exactly at the limit");
        }
    }

    @Test
    void aFailedLookupKeepsTheListedTime() throws Exception {
        try (FakeS3 s3 = new FakeS3()) {
            List<FileEntry> listed = List.of(FileEntry.file("gone.txt", 3, LISTED), FileEntry.file("here.txt", 3, LISTED));
            List<FileEntry> shown = new ListingTimeLookup(s3, "bucket", 10).apply("p/", listed, true)
                    .toCompletableFuture().get();
            assertEquals(List.of(FileEntry.file("gone.txt", 3, LISTED), FileEntry.file("here.txt", 7, STORED)), shown);
        }
    }
}
