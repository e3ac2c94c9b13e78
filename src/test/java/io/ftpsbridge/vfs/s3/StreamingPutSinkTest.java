package io.ftpsbridge.vfs.s3;

import io.ftpsbridge.vfs.VfsException;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ALLO upload: one streamed PutObject. Where the SDK sends no checksum (when-required), the ETag S3 answers
 * is checked against the MD5 of the bytes received, and an object that differs is deleted; with SDK checksums
 * (when-supported) or SSE-KMS the ETag is not an MD5 to compare.
 */
class StreamingPutSinkTest {

    private static final byte[] DATA = new byte[300_000];

    static {
        new Random(7).nextBytes(DATA);
    }

    /** Reads the streamed body to its end, then answers with the ETag (and encryption) that {@code answer} gives. */
    private static final class StreamingS3 implements S3AsyncClient {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final List<String> deleted = new ArrayList<>();
        final Function<byte[], PutObjectResponse> answer;
        PutObjectRequest request;
        Throwable bodyError;

        StreamingS3(Function<byte[], PutObjectResponse> answer) {
            this.answer = answer;
        }

        @Override
        public CompletableFuture<PutObjectResponse> putObject(PutObjectRequest r, AsyncRequestBody body) {
            request = r;
            CompletableFuture<PutObjectResponse> response = new CompletableFuture<>();
            body.subscribe(new Subscriber<>() {
                @Override
                public void onSubscribe(Subscription s) {
                    s.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(ByteBuffer buffer) {
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                    received.writeBytes(bytes);
                }

                @Override
                public void onError(Throwable t) {
                    bodyError = t;
                    response.completeExceptionally(t);
                }

                @Override
                public void onComplete() {
                    response.complete(answer.apply(received.toByteArray()));
                }
            });
            return response;
        }

        @Override
        public CompletableFuture<DeleteObjectResponse> deleteObject(DeleteObjectRequest r) {
            deleted.add(r.key());
            return CompletableFuture.completedFuture(DeleteObjectResponse.builder().build());
        }

        @Override
        public String serviceName() {
            return "s3";
        }

        @Override
        public void close() {
        }
    }

    private static PutObjectResponse md5ETag(byte[] stored) {
        return PutObjectResponse.builder().eTag("\"" + md5(stored) + "\"").build();
    }

    private static PutObjectResponse wrongETag(byte[] stored) {
        stored[0] ^= 1;  // as if a byte changed on the way
        return md5ETag(stored);
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static StreamingPutSink sink(StreamingS3 s3, boolean sdkChecksums) {
        return new StreamingPutSink(new UploadTarget(s3, "bucket", "dir/file", "/dir/file"), DATA.length, sdkChecksums,
                Runnable::run);
    }

    /**
     * Writes DATA in socket-sized reads through one buffer that is overwritten after every call, as a network
     * buffer is reused; every write is taken at once by the reading store.
     */
    private static void writeAll(StreamingPutSink sink, int upTo) {
        byte[] network = new byte[16_384];
        for (int offset = 0; offset < upTo; offset += network.length) {
            int n = Math.min(network.length, upTo - offset);
            System.arraycopy(DATA, offset, network, 0, n);
            sink.write(ByteBuffer.wrap(network, 0, n)).toCompletableFuture().join();
            Arrays.fill(network, (byte) 0x5a);
        }
    }

    @Test
    void matchingETagStoresTheBytesInOnePut() throws Exception {
        StreamingS3 s3 = new StreamingS3(StreamingPutSinkTest::md5ETag);
        StreamingPutSink sink = sink(s3, false);
        writeAll(sink, DATA.length);
        sink.complete().toCompletableFuture().get();
        assertEquals(DATA.length, s3.request.contentLength());
        assertArrayEquals(DATA, s3.received.toByteArray());
        assertTrue(s3.deleted.isEmpty());
    }

    @Test
    void differentETagDeletesTheObjectAndFailsTheUpload() {
        StreamingS3 s3 = new StreamingS3(StreamingPutSinkTest::wrongETag);
        StreamingPutSink sink = sink(s3, false);
        writeAll(sink, DATA.length);
        ExecutionException failed = assertThrows(ExecutionException.class, () -> sink.complete().toCompletableFuture().get());
        VfsException cause = assertInstanceOf(VfsException.class, failed.getCause());
        assertEquals(VfsException.Reason.FAILED, cause.reason());
        assertTrue(cause.getMessage().contains("/dir/file") && cause.getMessage().contains("removed"), cause.getMessage());
        assertEquals(List.of("dir/file"), s3.deleted);
    }

    @Test
    void etagIsNotComparedWithSdkChecksumsOrUnderKms() throws Exception {
        StreamingS3 checksums = new StreamingS3(StreamingPutSinkTest::wrongETag);
        StreamingPutSink withChecksums = sink(checksums, true);
        writeAll(withChecksums, DATA.length);
        withChecksums.complete().toCompletableFuture().get();
        assertTrue(checksums.deleted.isEmpty(), "S3 checked the SDK's CRC itself; its ETag need not be an MD5");

        StreamingS3 kms = new StreamingS3(stored -> wrongETag(stored).toBuilder()
                .serverSideEncryption(ServerSideEncryption.AWS_KMS).build());
        StreamingPutSink underKms = sink(kms, false);
        writeAll(underKms, DATA.length);
        underKms.complete().toCompletableFuture().get();
        assertTrue(kms.deleted.isEmpty(), "an SSE-KMS ETag is not the MD5 of the bytes");
    }

    @Test
    void theLastBufferWaitsForTheClientsEnd() throws Exception {
        StreamingS3 s3 = new StreamingS3(StreamingPutSinkTest::md5ETag);
        StreamingPutSink sink = sink(s3, false);
        writeAll(sink, DATA.length);
        assertTrue(s3.received.size() < DATA.length, "S3 must not have the whole body before the transfer ended");
        assertNull(s3.bodyError);
        sink.complete().toCompletableFuture().get();
        assertEquals(DATA.length, s3.received.size());
    }

    @Test
    void fewerOrMoreBytesThanAnnouncedStoreNothing() {
        StreamingS3 fewer = new StreamingS3(StreamingPutSinkTest::md5ETag);
        StreamingPutSink short1 = sink(fewer, false);
        writeAll(short1, DATA.length - 1);
        assertThrows(ExecutionException.class, () -> short1.complete().toCompletableFuture().get());
        assertTrue(fewer.bodyError != null, "the request body failed, so the HTTP client drops the PutObject");

        StreamingS3 more = new StreamingS3(StreamingPutSinkTest::md5ETag);
        StreamingPutSink long1 = sink(more, false);
        writeAll(long1, DATA.length);
        ExecutionException extra = assertThrows(ExecutionException.class,
                () -> long1.write(ByteBuffer.wrap(new byte[1])).toCompletableFuture().get());
        assertInstanceOf(VfsException.class, extra.getCause());
        assertTrue(more.bodyError != null);
        assertThrows(ExecutionException.class, () -> long1.complete().toCompletableFuture().get());
    }
}
