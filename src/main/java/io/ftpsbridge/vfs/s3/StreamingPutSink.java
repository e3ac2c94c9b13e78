package io.ftpsbridge.vfs.s3;

import io.ftpsbridge.vfs.UploadSink;
import io.ftpsbridge.vfs.VfsException;
import io.ftpsbridge.vfs.VfsException.Reason;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * An upload whose size the client announced with ALLO, streamed from the socket into one PutObject with that
 * Content-Length: no part is buffered, so it takes nothing from the upload buffer budget (one socket read at a
 * time is on its way to S3).
 *
 * <p>Nothing is stored unless exactly the announced bytes arrive and the client ends the transfer: the buffer that
 * completes the announced size is held back until the client's end is confirmed, so S3 never has the whole body
 * before then; more bytes, fewer bytes, an abort or a cut connection fail the body, and the HTTP client drops the
 * request.
 *
 * <p>Integrity: Content-MD5 must be sent before the body, so it cannot be had here. With
 * {@code request-checksum-calculation=when-supported} the SDK computes a CRC32 as the body streams and sends it as
 * a trailer, which S3 checks before it stores the object. Stores that reject trailers need {@code when-required},
 * where the request carries no checksum; there the MD5 computed while streaming is compared with the ETag S3
 * returns (the MD5 of a single PutObject unless SSE-KMS encrypted it), and an object whose ETag differs is deleted
 * and the upload fails. No SHA-256 is recorded either: metadata goes out before the bytes are known.
 */
final class StreamingPutSink implements UploadSink {

    private static final Logger LOG = Logger.getLogger(StreamingPutSink.class);
    private static final CompletableFuture<Void> READY = CompletableFuture.completedFuture(null);

    private final UploadTarget target;
    private final long length;
    private final boolean compareEtag;
    private final Executor executor;
    private final PushedBody body;
    private final MessageDigest md5 = MultipartUploadSink.md5();
    private CompletableFuture<PutObjectResponse> put;
    /** The buffer that completed the announced size, sent only once the client ended the transfer. */
    private ByteBuffer last;
    private long total;
    private Throwable failure;
    private boolean closed;

    StreamingPutSink(UploadTarget target, long length,
                     boolean sdkChecksums, Executor executor) {
        this.target = target;
        this.length = length;
        this.compareEtag = !sdkChecksums;
        this.body = new PushedBody(length, executor);
        this.executor = executor;
    }

    @Override
    public CompletionStage<Void> write(ByteBuffer data) {
        CompletableFuture<Void> refused = target.refusal(failure, closed);
        if (refused != null) {
            return refused;
        }
        if (!data.hasRemaining()) {
            return READY;
        }
        total += data.remaining();
        if (total > length) {
            VfsException mismatch = target.sizeMismatch(length, total);
            fail(mismatch);
            return CompletableFuture.failedFuture(mismatch);
        }
        md5.update(data.duplicate());
        // The body is sent as it arrives, so it keeps these bytes beyond this call: a copy of its own.
        ByteBuffer kept = ByteBuffer.allocate(data.remaining()).put(data).flip();
        start();
        if (total == length) {
            last = kept;
            return READY;
        }
        return body.send(kept);
    }

    private void start() {
        if (put == null) {
            put = target.s3().putObject(b -> b.bucket(target.bucket()).key(target.key()).contentLength(length), body);
            put.whenComplete((response, error) -> {
                if (error != null) {
                    executor.execute(() -> fail(error));
                }
            });
        }
    }

    @Override
    public long bytesWritten() {
        return total;
    }

    @Override
    public CompletionStage<Void> complete() {
        CompletableFuture<Void> refused = target.refusal(null, closed);
        if (refused != null) {
            return refused;
        }
        closed = true;
        if (failure == null && total != length) {
            fail(target.sizeMismatch(length, total));
        }
        if (failure != null) {
            return ended().thenCompose(v -> CompletableFuture.failedFuture(target.translate(failure)));
        }
        start();
        if (last != null) {
            body.send(last);
            last = null;
        }
        body.end();
        return put.handle((response, error) -> error == null ? verified(response)
                        : CompletableFuture.<Void>failedFuture(target.translate(error)))
                .thenCompose(stage -> stage);
    }

    /** Compares the ETag with the MD5 of what was sent, where no SDK checksum was and the ETag is an MD5. */
    private CompletionStage<Void> verified(PutObjectResponse response) {
        String eTag = response.eTag() == null ? "" : response.eTag().replace("\"", "");
        String sent = HexFormat.of().formatHex(md5.digest());
        boolean kms = response.serverSideEncryption() == ServerSideEncryption.AWS_KMS
                || response.serverSideEncryption() == ServerSideEncryption.AWS_KMS_DSSE;
        if (!compareEtag || kms || !eTag.matches("[0-9a-f]{32}") || eTag.equals(sent)) {
            return READY;
        }
        LOG.errorf("s3://%s/%s: S3 stored bytes with MD5 %s, the client sent %s; deleting it", target.bucket(), target.key(), eTag, sent);
        return target.s3().deleteObject(b -> b.bucket(target.bucket()).key(target.key())).handle((deleted, error) -> {
            throw new VfsException(Reason.FAILED, target.displayPath() + ": the stored bytes differ from those received; "
                    + (error == null ? "the object was removed" : "removing it failed too"));
        });
    }

    @Override
    public CompletionStage<Void> abort() {
        fail(new VfsException(Reason.INTERRUPTED, "upload aborted"));
        closed = true;
        return ended();
    }

    private void fail(Throwable error) {
        if (failure == null) {
            failure = error;
            last = null;
            body.fail(target.translate(error));
        }
    }

    /** Waits for the dropped request to end, so nothing lands after the upload failed. */
    private CompletionStage<Void> ended() {
        return put == null ? READY : put.handle((response, error) -> null);
    }
}
