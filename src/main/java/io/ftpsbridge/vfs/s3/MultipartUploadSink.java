package io.ftpsbridge.vfs.s3;

import io.ftpsbridge.vfs.UploadSink;
import io.ftpsbridge.vfs.VfsException;
import io.ftpsbridge.vfs.VfsException.Reason;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Streams one upload into S3 without touching disk. Up to one part is buffered; it becomes a single PutObject
 * when the whole upload fits in it, otherwise a multipart upload whose parts are sent a few at a time while the
 * writer is held back. Every request carries the Content-MD5 of its bytes, so S3 verifies what it stores.
 * Nothing exists under the key before the PutObject or CompleteMultipartUpload succeeds, and a failed or
 * aborted upload aborts its multipart upload. All state changes run on the caller's {@code executor}.
 */
final class MultipartUploadSink implements UploadSink {

    private static final Logger LOG = Logger.getLogger(MultipartUploadSink.class);
    private static final CompletableFuture<Void> READY = CompletableFuture.completedFuture(null);

    private final S3AsyncClient s3;
    private final String bucket;
    private final String key;
    /** The path as the client knows it, for messages: the key would show the home's prefix. */
    private final String displayPath;
    private final int concurrency;
    private final PartSizeSchedule schedule;
    private final Executor executor;

    private List<ByteBuffer> pending = new ArrayList<>();
    private long pendingBytes;
    private final MessageDigest partDigest = md5();
    /** SHA-256 of the whole upload, kept while it may still be a single PutObject; dropped once it goes multipart. */
    private MessageDigest wholeDigest = sha256();
    private long total;

    private CompletableFuture<String> uploadId;
    private int nextPartNumber = 1;
    private int inFlight;
    private final List<CompletedPart> parts = new ArrayList<>();
    private final List<CompletableFuture<Void>> partUploads = new ArrayList<>();
    private CompletableFuture<Void> room;
    private Throwable failure;
    private boolean closed;

    MultipartUploadSink(S3AsyncClient s3, String bucket, String key, String displayPath, S3Settings settings,
                        Executor executor) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.displayPath = displayPath;
        this.concurrency = Math.max(1, settings.uploadConcurrency());
        this.schedule = new PartSizeSchedule(settings.partSize());
        this.executor = executor;
    }

    /**
     * Keeps the first {@code length} bytes of the object now under the key, server-side: the upload becomes a
     * multipart upload whose first parts are UploadPartCopy ranges of it (S3 needs 5 MiB or more for each, so the
     * caller prepends smaller heads as bytes instead). Call before the first write.
     */
    void keepExisting(long length) {
        int count = (int) ((length + PartSizeSchedule.MAX_PART_SIZE - 1) / PartSizeSchedule.MAX_PART_SIZE);
        long size = (length + count - 1) / count;
        uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).thenApply(r -> r.uploadId());
        wholeDigest = null;
        for (long first = 0; first < length; first += size) {
            int number = nextPartNumber++;
            String range = "bytes=" + first + "-" + (Math.min(length, first + size) - 1);
            inFlight++;
            partUploads.add(uploadId
                    .thenCompose(id -> s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey(key)
                            .destinationBucket(bucket).destinationKey(key).uploadId(id).partNumber(number)
                            .copySourceRange(range)))
                    .handleAsync((response, error) -> {
                        partDone(number, error, response == null ? null : response.copyPartResult().eTag());
                        return null;
                    }, executor));
        }
    }

    @Override
    public CompletionStage<Void> write(ByteBuffer data) {
        if (failure != null) {
            return CompletableFuture.failedFuture(S3Errors.translate(failure, displayPath));
        }
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("upload already closed"));
        }
        int length = data.remaining();
        total += length;
        pendingBytes += length;
        partDigest.update(data.duplicate());
        if (wholeDigest != null) {
            wholeDigest.update(data.duplicate());
        }
        pending.add(data);
        if (pendingBytes >= schedule.sizeOf(nextPartNumber) && nextPartNumber < PartSizeSchedule.MAX_PARTS) {
            sendPart();
        }
        if (inFlight >= concurrency) {
            if (room == null) {
                room = new CompletableFuture<>();
            }
            return room;
        }
        return READY;
    }

    @Override
    public long bytesWritten() {
        return total;
    }

    private void sendPart() {
        ByteBuffer[] body = pending.toArray(ByteBuffer[]::new);
        long length = pendingBytes;
        String md5 = Base64.getEncoder().encodeToString(partDigest.digest());
        int number = nextPartNumber++;
        pending = new ArrayList<>();
        pendingBytes = 0;
        if (uploadId == null) {
            uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).thenApply(r -> r.uploadId());
        }
        wholeDigest = null;
        inFlight++;
        CompletableFuture<Void> part = uploadId
                .thenCompose(id -> s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(id).partNumber(number)
                        .contentLength(length).contentMD5(md5), AsyncRequestBody.fromRemainingByteBuffersUnsafe(body)))
                .handleAsync((response, error) -> {
                    partDone(number, error, response == null ? null : response.eTag());
                    return null;
                }, executor);
        partUploads.add(part);
    }

    private void partDone(int number, Throwable error, String eTag) {
        inFlight--;
        if (error != null) {
            if (failure == null) {
                failure = error;
            }
        } else {
            parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
        }
        releaseRoom();
    }

    private void releaseRoom() {
        if (room != null && (inFlight < concurrency || failure != null)) {
            CompletableFuture<Void> waiting = room;
            room = null;
            if (failure != null) {
                waiting.completeExceptionally(S3Errors.translate(failure, displayPath));
            } else {
                waiting.complete(null);
            }
        }
    }

    @Override
    public CompletionStage<Void> complete() {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("upload already closed"));
        }
        closed = true;
        if (failure != null) {
            return abortThenFail(failure);
        }
        if (uploadId == null) {
            return putWhole();
        }
        if (pendingBytes > 0) {
            sendPart();
        }
        return CompletableFuture.allOf(partUploads.toArray(CompletableFuture[]::new))
                .thenComposeAsync(v -> {
                    if (failure != null) {
                        return abortThenFail(failure);
                    }
                    parts.sort(Comparator.comparingInt(CompletedPart::partNumber));
                    String id = uploadId.join();
                    return s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(id)
                                    .multipartUpload(m -> m.parts(parts)))
                            .handleAsync((done, error) -> error == null
                                    ? READY : abortThenFail(error), executor)
                            .thenCompose(stage -> stage);
                }, executor);
    }

    private CompletionStage<Void> putWhole() {
        ByteBuffer[] body = pending.toArray(ByteBuffer[]::new);
        String md5 = Base64.getEncoder().encodeToString(partDigest.digest());
        long length = pendingBytes;
        String sha256 = HexFormat.of().formatHex(wholeDigest.digest());
        pending = List.of();
        // The SHA-256 is known before the object exists, so it is stored with it (HASH answers from it).
        return s3.putObject(b -> b.bucket(bucket).key(key).contentLength(length).contentMD5(md5)
                                .metadata(Map.of(S3FileSystemView.SHA256_METADATA, sha256)),
                        AsyncRequestBody.fromRemainingByteBuffersUnsafe(body))
                .handle((done, error) -> {
                    if (error != null) {
                        throw S3Errors.translate(error, displayPath);
                    }
                    return null;
                });
    }

    @Override
    public CompletionStage<Void> abort() {
        if (failure == null) {
            failure = new VfsException(Reason.INTERRUPTED, "upload aborted");
        }
        closed = true;
        pending = List.of();
        releaseRoom();
        return abortMultipart();
    }

    private CompletionStage<Void> abortThenFail(Throwable cause) {
        return abortMultipart().thenCompose(v -> CompletableFuture.failedFuture(S3Errors.translate(cause, displayPath)));
    }

    /** Waits for parts still in flight, so none lands after the abort, then drops the multipart upload. */
    private CompletionStage<Void> abortMultipart() {
        if (uploadId == null) {
            return READY;
        }
        CompletableFuture<String> id = uploadId;
        return CompletableFuture.allOf(partUploads.toArray(CompletableFuture[]::new))
                .handle((v, ignored) -> id)
                .thenCompose(f -> f)
                .thenCompose(uid -> s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uid)))
                .handle((aborted, error) -> {
                    if (error != null && !S3Errors.isNotFound(error)) {
                        LOG.warnf("Could not abort the multipart upload of s3://%s/%s (%s); it stays invisible until a "
                                + "lifecycle rule removes it", bucket, key, S3Errors.unwrap(error).getMessage());
                    }
                    return null;
                });
    }

    private static MessageDigest md5() {
        return digest("MD5");
    }

    private static MessageDigest sha256() {
        return digest("SHA-256");
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + algorithm, e);
        }
    }
}
