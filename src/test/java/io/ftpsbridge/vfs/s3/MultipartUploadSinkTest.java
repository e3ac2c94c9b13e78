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
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

import java.nio.ByteBuffer;
import java.util.ArrayList;
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

    /** Answers at once, except UploadPart, which waits for {@link #finishPart}. */
    static final class FakeS3 implements S3AsyncClient {
        final List<CompletableFuture<UploadPartResponse>> parts = new ArrayList<>();
        int running;
        int maxRunning;
        int puts;
        int creates;
        int completes;
        int aborts;

        @Override
        public CompletableFuture<CreateMultipartUploadResponse> createMultipartUpload(CreateMultipartUploadRequest r) {
            creates++;
            return CompletableFuture.completedFuture(CreateMultipartUploadResponse.builder().uploadId("id").build());
        }

        @Override
        public CompletableFuture<UploadPartResponse> uploadPart(UploadPartRequest r, AsyncRequestBody body) {
            assertEquals(r.contentLength(), body.contentLength().orElseThrow());
            running++;
            maxRunning = Math.max(maxRunning, running);
            CompletableFuture<UploadPartResponse> part = new CompletableFuture<>();
            parts.add(part);
            return part;
        }

        void finishPart(int index) {
            running--;
            parts.get(index).complete(UploadPartResponse.builder().eTag("e" + index).build());
        }

        @Override
        public CompletableFuture<CompleteMultipartUploadResponse> completeMultipartUpload(CompleteMultipartUploadRequest r) {
            completes++;
            return CompletableFuture.completedFuture(CompleteMultipartUploadResponse.builder().build());
        }

        @Override
        public CompletableFuture<AbortMultipartUploadResponse> abortMultipartUpload(AbortMultipartUploadRequest r) {
            aborts++;
            return CompletableFuture.completedFuture(AbortMultipartUploadResponse.builder().build());
        }

        @Override
        public CompletableFuture<PutObjectResponse> putObject(PutObjectRequest r, AsyncRequestBody body) {
            puts++;
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
        S3Settings settings = new S3Settings(PART, concurrency, 1000, 100, budget.capacity(), false, 1000, "staging/");
        return new MultipartUploadSink(new UploadTarget(s3, "bucket", "key", "/file"), settings, budget, expectedSize,
                Runnable::run);
    }

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
}
