package io.ftpsbridge.vfs.s3;

import io.ftpsbridge.vfs.VfsException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartCopyRequest;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sink's lanes and budget claims against an S3 client whose part requests end when the test says. */
class MultipartUploadSinkTest {

    private static final int MIB = 1024 * 1024;
    private static final long PART = 5L * MIB;

    /**
     * Answers at once, except UploadPart, which waits for {@link #finishPart} unless {@code partsAtOnce}, and
     * UploadPartCopy while {@code holdCopies}. Upload ids are the keys, so requests tell which upload they are for.
     */
    static final class FakeS3 implements S3AsyncClient {
        final List<CompletableFuture<UploadPartResponse>> parts = new ArrayList<>();
        final List<String> created = new ArrayList<>();
        final List<String> completed = new ArrayList<>();
        final List<String> aborted = new ArrayList<>();
        final List<String> deleted = new ArrayList<>();
        final List<UploadPartCopyRequest> copies = new ArrayList<>();
        final List<UploadPartRequest> partRequests = new ArrayList<>();
        final List<PutObjectRequest> putRequests = new ArrayList<>();
        final List<CompletableFuture<UploadPartCopyResponse>> heldCopies = new ArrayList<>();
        CompleteMultipartUploadRequest finalCompletion;
        boolean partsAtOnce;
        boolean holdCopies;
        /** The ETag a completed staging upload reports; not of S3's multipart form, so it is not compared. */
        String stagingETag = "\"staged\"";
        int running;
        int maxRunning;
        int puts;
        int creates;
        int completes;
        int aborts;

        @Override
        public CompletableFuture<CreateMultipartUploadResponse> createMultipartUpload(CreateMultipartUploadRequest r) {
            creates++;
            created.add(r.key());
            return CompletableFuture.completedFuture(CreateMultipartUploadResponse.builder().uploadId(r.key()).build());
        }

        @Override
        public CompletableFuture<UploadPartResponse> uploadPart(UploadPartRequest r, AsyncRequestBody body) {
            assertEquals(r.contentLength(), body.contentLength().orElseThrow());
            assertEquals(r.key(), r.uploadId());
            partRequests.add(r);
            if (partsAtOnce) {
                return CompletableFuture.completedFuture(UploadPartResponse.builder()
                        .eTag("\"" + r.key() + "#" + r.partNumber() + "\"").build());
            }
            running++;
            maxRunning = Math.max(maxRunning, running);
            CompletableFuture<UploadPartResponse> part = new CompletableFuture<>();
            parts.add(part);
            return part;
        }

        @Override
        public CompletableFuture<UploadPartCopyResponse> uploadPartCopy(UploadPartCopyRequest r) {
            copies.add(r);
            UploadPartCopyResponse response = UploadPartCopyResponse.builder()
                    .copyPartResult(c -> c.eTag("\"copy-" + r.partNumber() + "\"")).build();
            if (holdCopies) {
                CompletableFuture<UploadPartCopyResponse> held = new CompletableFuture<>();
                heldCopies.add(held);
                return held.thenApply(v -> response);
            }
            return CompletableFuture.completedFuture(response);
        }

        @Override
        public CompletableFuture<DeleteObjectResponse> deleteObject(DeleteObjectRequest r) {
            deleted.add(r.key());
            return CompletableFuture.completedFuture(DeleteObjectResponse.builder().build());
        }

        void finishPart(int index) {
            running--;
            parts.get(index).complete(UploadPartResponse.builder().eTag("e" + index).build());
        }

        @Override
        public CompletableFuture<CompleteMultipartUploadResponse> completeMultipartUpload(CompleteMultipartUploadRequest r) {
            completes++;
            completed.add(r.key());
            boolean staging = r.key().startsWith("staging/");
            if (!staging) {
                finalCompletion = r;
            }
            return CompletableFuture.completedFuture(CompleteMultipartUploadResponse.builder()
                    .eTag(staging ? stagingETag : null).build());
        }

        @Override
        public CompletableFuture<AbortMultipartUploadResponse> abortMultipartUpload(AbortMultipartUploadRequest r) {
            aborts++;
            aborted.add(r.key());
            return CompletableFuture.completedFuture(AbortMultipartUploadResponse.builder().build());
        }

        @Override
        public CompletableFuture<PutObjectResponse> putObject(PutObjectRequest r, AsyncRequestBody body) {
            puts++;
            putRequests.add(r);
            return CompletableFuture.completedFuture(PutObjectResponse.builder().eTag("\"x\"").build());
        }

        @Override
        public String serviceName() {
            return "s3";
        }

        @Override
        public void close() {
        }
    }

    private final FakeS3 s3 = new FakeS3();

    private MultipartUploadSink sink(UploadBufferBudget budget, int concurrency, long expectedSize) {
        return sink(budget, concurrency, expectedSize, UploadLimits.S3);
    }

    private MultipartUploadSink sink(UploadBufferBudget budget, int concurrency, long expectedSize, UploadLimits limits) {
        return sink(budget, concurrency, expectedSize, limits, false);
    }

    private MultipartUploadSink sink(UploadBufferBudget budget, int concurrency, long expectedSize, UploadLimits limits,
                                     boolean sdkChecksums) {
        S3Settings settings = new S3Settings(PART, concurrency, 1000, 100, budget.capacity(), sdkChecksums, 1000,
                "staging/", limits);
        return new MultipartUploadSink(new UploadTarget(s3, "bucket", "key", "/file"), settings, budget, expectedSize,
                Runnable::run, Runnable::run);
    }

    /** 5 MiB parts, 4 part numbers, 10 MiB segments, 32 MiB at most: part 1 direct, then segments of two parts. */
    private static final UploadLimits SMALL = new UploadLimits(4, 32L * MIB, 10L * MIB);

    /** Writes 1 MiB chunks while the sink has room; returns the stage of the last write. */
    private static CompletionStage<Void> writeMiB(MultipartUploadSink sink, int chunks) {
        CompletionStage<Void> last = CompletableFuture.completedFuture(null);
        for (int i = 0; i < chunks; i++) {
            assertTrue(last.toCompletableFuture().isDone(), "wrote while the sink had no room");
            last = sink.write(ByteBuffer.allocate(MIB));
        }
        return last;
    }

    private static boolean done(CompletionStage<?> stage) {
        return stage.toCompletableFuture().isDone() && !stage.toCompletableFuture().isCompletedExceptionally();
    }

    @Test
    void noMoreThanUploadConcurrencyPartsAreInFlight() throws Exception {
        UploadBufferBudget budget = new UploadBufferBudget(100L * MIB);
        MultipartUploadSink sink = sink(budget, 2, -1);
        assertTrue(done(writeMiB(sink, 6)), "part 1 in flight");
        assertTrue(done(writeMiB(sink, 5)), "part 2 in flight, part 3 filling");
        CompletionStage<Void> full = writeMiB(sink, 5);
        assertEquals(2, s3.running);
        assertFalse(done(full), "part 3 waits for a lane: the writer waits");
        s3.finishPart(0);
        assertTrue(done(full), "part 3 in flight");
        assertEquals(2, s3.running);
        assertTrue(done(writeMiB(sink, 4)));
        CompletionStage<Void> completed = sink.complete();
        s3.finishPart(1);
        s3.finishPart(2);
        s3.finishPart(3);
        completed.toCompletableFuture().get();
        assertEquals(2, s3.maxRunning);
        assertEquals(1, s3.completes);
        assertEquals(0, budget.reserved(), "every claim given back");
    }

    @Test
    void anUploadWaitsForBudgetAnotherUploadGivesBack() throws Exception {
        UploadBufferBudget budget = new UploadBufferBudget(3 * PART);
        MultipartUploadSink first = sink(budget, 2, -1);
        MultipartUploadSink second = sink(budget, 2, -1);
        assertTrue(done(writeMiB(first, 11)), "parts 1 and 2 in flight, part 3 claimed");
        assertEquals(3 * PART, budget.reserved());
        CompletionStage<Void> waiting = second.write(ByteBuffer.allocate(MIB));
        assertFalse(done(waiting), "the budget is spent: the second upload is held back");
        s3.finishPart(0);
        assertTrue(done(waiting), "part 1's buffer went to the waiting upload");
        assertEquals(3 * PART, budget.reserved());
        assertEquals(3 * PART, budget.peakReserved(), "never more than the budget");
        first.abort();
        second.abort();
        s3.finishPart(1);
        assertEquals(0, budget.reserved());
    }

    @Test
    void abortGivesBackTheFilledPartAtOnceAndPartsInFlightWhenTheyEnd() throws Exception {
        UploadBufferBudget budget = new UploadBufferBudget(3 * PART);
        MultipartUploadSink sink = sink(budget, 2, -1);
        writeMiB(sink, 12);
        assertEquals(3 * PART, budget.reserved());
        CompletionStage<Void> aborted = sink.abort();
        assertEquals(2 * PART, budget.reserved(), "the part being filled is dropped");
        assertFalse(aborted.toCompletableFuture().isDone(), "the abort waits for the parts in flight");
        s3.finishPart(0);
        s3.finishPart(1);
        aborted.toCompletableFuture().get();
        assertEquals(0, budget.reserved());
        assertEquals(1, s3.aborts);
    }

    @Test
    void anUploadOfExactlyOnePartIsOnePutObject() throws Exception {
        UploadBufferBudget budget = new UploadBufferBudget(3 * PART);
        MultipartUploadSink sink = sink(budget, 2, -1);
        writeMiB(sink, 5);
        sink.complete().toCompletableFuture().get();
        assertEquals(1, s3.puts);
        assertEquals(0, s3.creates);
        assertEquals(0, budget.reserved());
    }

    @Test
    void requestsCarryContentMd5OnlyWhereTheSdkSendsNoChecksum() throws Exception {
        s3.partsAtOnce = true;
        for (boolean sdkChecksums : new boolean[]{false, true}) {
            s3.partRequests.clear();
            s3.putRequests.clear();
            MultipartUploadSink multipart = sink(new UploadBufferBudget(3 * PART), 2, -1, UploadLimits.S3, sdkChecksums);
            assertTrue(done(writeMiB(multipart, 10)));
            multipart.complete().toCompletableFuture().get();
            MultipartUploadSink single = sink(new UploadBufferBudget(3 * PART), 2, -1, UploadLimits.S3, sdkChecksums);
            assertTrue(done(writeMiB(single, 1)));
            single.complete().toCompletableFuture().get();

            assertEquals(2, s3.partRequests.size());
            for (UploadPartRequest part : s3.partRequests) {
                assertEquals(sdkChecksums ? null : md5Base64((int) PART), part.contentMD5(), "part " + part.partNumber());
            }
            assertEquals(sdkChecksums ? null : md5Base64(MIB), s3.putRequests.get(0).contentMD5());
        }
    }

    /** Content-MD5 of {@code length} zero bytes, what {@link #writeMiB} writes. */
    private static String md5Base64(int length) {
        MessageDigest md5 = MultipartUploadSink.md5();
        md5.update(new byte[length]);
        return Base64.getEncoder().encodeToString(md5.digest());
    }

    @Test
    void anAnnouncedSizeClaimsOnlyThatAndMustBeMet() {
        UploadBufferBudget budget = new UploadBufferBudget(3 * PART);
        MultipartUploadSink shortOne = sink(budget, 2, 3L * MIB);
        writeMiB(shortOne, 2);
        assertEquals(3L * MIB, budget.reserved(), "the claim is the announced size, not a part");
        ExecutionException fewer = assertThrows(ExecutionException.class,
                () -> shortOne.complete().toCompletableFuture().get());
        assertInstanceOf(VfsException.class, fewer.getCause());
        assertEquals(0, budget.reserved());

        MultipartUploadSink longOne = sink(budget, 2, 3L * MIB);
        CompletionStage<Void> more = writeMiB(longOne, 4);
        assertTrue(more.toCompletableFuture().isCompletedExceptionally());
        longOne.abort();
        assertEquals(0, s3.puts, "nothing stored");
        assertEquals(0, budget.reserved());
    }

    @Test
    void pastTheDirectPartsSegmentsAreStagedCopiedInWithTheirETagsAndDeleted() throws Exception {
        s3.partsAtOnce = true;
        UploadBufferBudget budget = new UploadBufferBudget(3 * PART);
        MultipartUploadSink sink = sink(budget, 2, -1, SMALL);
        assertTrue(done(writeMiB(sink, 31)));
        sink.complete().toCompletableFuture().get();

        assertEquals("key", s3.created.get(0));
        List<String> staging = s3.created.subList(1, s3.created.size());
        assertEquals(3, staging.size(), "three segments: " + s3.created);
        for (int i = 0; i < 3; i++) {
            assertTrue(staging.get(i).matches("staging/[0-9a-f-]{36}\\." + (i + 2)), staging.get(i));
            UploadPartCopyRequest copy = s3.copies.get(i);
            assertEquals(staging.get(i), copy.sourceKey());
            assertEquals("key", copy.destinationKey());
            assertEquals(i + 2, copy.partNumber());
            assertEquals("\"staged\"", copy.copySourceIfMatch(), "only the version just completed is copied");
        }
        assertEquals(staging, s3.deleted, "each staging object deleted once copied");
        assertEquals(List.of("\"key#1\"", "\"copy-2\"", "\"copy-3\"", "\"copy-4\""),
                s3.finalCompletion.multipartUpload().parts().stream().map(CompletedPart::eTag).toList());
        assertEquals(0, s3.aborts);
        assertEquals(0, budget.reserved());
        assertTrue(budget.peakReserved() <= 3 * PART);
    }

    @Test
    void theWriterWaitsWhileMoreSegmentsThanUploadConcurrencyWaitForTheirCopy() {
        s3.partsAtOnce = true;
        s3.holdCopies = true;
        MultipartUploadSink sink = sink(new UploadBufferBudget(2 * PART), 1, -1, new UploadLimits(10, 95L * MIB, 10L * MIB));
        // Part 1, then segments 2 and 3 of two parts each: segment 2's copy is held, so segment 3 closing is one too many.
        assertTrue(done(writeMiB(sink, 16)), "segment 2 waits for its copy while segment 3 fills");
        assertEquals(1, s3.heldCopies.size());
        CompletionStage<Void> waiting = writeMiB(sink, 10);
        assertFalse(done(waiting), "segment 3 closed while segment 2 still copies: the writer waits");
        s3.heldCopies.get(0).complete(null);
        assertTrue(done(waiting));
        CompletionStage<Void> aborted = sink.abort();
        assertFalse(aborted.toCompletableFuture().isDone(), "the abort waits for the copy still running");
        s3.heldCopies.forEach(copy -> copy.complete(null));
        aborted.toCompletableFuture().join();
        assertEquals(s3.created.subList(1, 3), s3.deleted, "both staging objects deleted");
    }

    @Test
    void aStagingObjectNotMadeOfThePartsSentFailsTheUploadAndEverythingIsRemoved() {
        s3.partsAtOnce = true;
        s3.stagingETag = "\"" + "0".repeat(32) + "-2\"";
        UploadBufferBudget budget = new UploadBufferBudget(3 * PART);
        MultipartUploadSink sink = sink(budget, 2, -1, SMALL);
        for (int i = 0; i < 31 && !sink.write(ByteBuffer.allocate(MIB)).toCompletableFuture().isCompletedExceptionally(); i++) {
            // writes until the failure shows
        }
        ExecutionException failed = assertThrows(ExecutionException.class, () -> sink.complete().toCompletableFuture().get());
        VfsException cause = assertInstanceOf(VfsException.class, failed.getCause());
        assertEquals(VfsException.Reason.FAILED, cause.reason());
        assertTrue(cause.getMessage().contains("staging segment"), cause.getMessage());
        assertTrue(s3.copies.isEmpty(), "nothing copied");
        assertFalse(s3.completed.contains("key"), "the final upload never completed");
        assertTrue(s3.aborted.contains("key"), "the final upload aborted");
        for (String key : s3.created.subList(1, s3.created.size())) {
            assertTrue(s3.deleted.contains(key) || s3.aborted.contains(key), key + " removed");
        }
        assertEquals(0, budget.reserved());
    }

    @Test
    void anUploadPastTheLargestObjectFailsAtTheFirstByteTooMany() {
        s3.partsAtOnce = true;
        MultipartUploadSink sink = sink(new UploadBufferBudget(3 * PART), 2, -1, SMALL);
        assertTrue(done(writeMiB(sink, 32)), "32 MiB is the largest object");
        CompletionStage<Void> more = sink.write(ByteBuffer.allocate(1));
        ExecutionException tooLarge = assertThrows(ExecutionException.class, () -> more.toCompletableFuture().get());
        assertEquals(VfsException.Reason.TOO_LARGE, assertInstanceOf(VfsException.class, tooLarge.getCause()).reason());
        sink.abort().toCompletableFuture().join();
        assertTrue(s3.aborted.contains("key"));
        for (String key : s3.created.subList(1, s3.created.size())) {
            assertTrue(s3.deleted.contains(key) || s3.aborted.contains(key), key + " removed");
        }
    }
}
