package io.ftpsbridge.vfs.s3;

import io.ftpsbridge.vfs.VfsException;
import io.ftpsbridge.vfs.VfsException.Reason;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The staging segments of one upload that outgrew what its buffered parts carry (see UploadPartPlan). A segment is
 * a multipart upload of its own under the bridge's staging prefix ({@code bridge.s3.staging-prefix}), fed with the
 * same budgeted parts; once its last part is in, it is completed, its ETag checked against the MD5s of the parts
 * sent, copied server-side into the final upload as one part (UploadPartCopy, and only while it is still that
 * version), and deleted. That runs while the next segment streams; when more than {@code maxClosing} segments wait
 * for their copy, {@link #room()} holds the writer back. After a failure, {@link #cleanUp()} aborts the staging
 * uploads still open and deletes the staging objects, so nothing is left behind.
 *
 * <p>All state changes run on the upload's executor.
 */
final class StagedSegments {

    private static final Logger LOG = Logger.getLogger(StagedSegments.class);
    private static final CompletableFuture<Void> READY = CompletableFuture.completedFuture(null);
    /** S3's ETag of a multipart object: the MD5 of its parts' MD5s, a dash, the part count. */
    private static final Pattern MULTIPART_ETAG = Pattern.compile("[0-9a-f]{32}-\\d+");

    /** One staging object, to become part {@code finalPart} of the final upload. */
    final class Segment {
        private final int finalPart;
        private final String key;
        private final CompletableFuture<String> uploadId;
        /**
         * MD5 of each part, in part order: what the completed object's ETag must be made of. Each is done before its
         * part is sent, so all are once the segment completes.
         */
        private final List<CompletableFuture<byte[]>> partMd5s = new ArrayList<>();
        private final List<CompletableFuture<Void>> partsEnded = new ArrayList<>();
        private final List<CompletedPart> parts = new ArrayList<>();
        private final CompletableFuture<Void> finished = new CompletableFuture<>();
        private boolean closed;
        /** CompleteMultipartUpload was sent: from here the object may exist. */
        private boolean completing;
        private boolean completed;
        private boolean deleted;

        private Segment(int finalPart) {
            this.finalPart = finalPart;
            this.key = keyPrefix + finalPart;
            this.uploadId = target.s3().createMultipartUpload(b -> b.bucket(target.bucket()).key(key))
                    .thenApply(r -> r.uploadId());
        }

        String key() {
            return key;
        }

        CompletableFuture<String> uploadId() {
            return uploadId;
        }

        /** A part of this segment was handed over: its MD5, and the stage that ends when S3 answered for it. */
        void expect(CompletableFuture<byte[]> md5, CompletableFuture<Void> ended) {
            partMd5s.add(md5);
            partsEnded.add(ended);
        }

        /** S3 stored staging part {@code number}. */
        void uploaded(int number, String eTag) {
            parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
        }
    }

    private final UploadTarget target;
    /** Staging keys of this upload: the prefix, a random name, a dot; the final part number follows. */
    private final String keyPrefix;
    private final int maxClosing;
    private final Executor executor;
    private final Supplier<CompletableFuture<String>> finalUploadId;
    private final Consumer<CompletedPart> copied;
    private final Consumer<Throwable> failed;
    private final BooleanSupplier hasFailed;

    private final List<Segment> segments = new ArrayList<>();
    private Segment open;
    /** Segments closed and not yet copied (or given up). */
    private int closing;
    private CompletableFuture<Void> room;
    private CompletableFuture<Void> cleanedUp;

    /**
     * @param finalUploadId the final multipart upload, which every segment is copied into
     * @param copied        takes each segment's part of the final upload (the copy's ETag), on the executor
     * @param failed        told of a failure, on the executor
     * @param hasFailed     whether the upload failed already: the segments then stop early
     */
    StagedSegments(UploadTarget target, String keyPrefix, int maxClosing, Executor executor,
                   Supplier<CompletableFuture<String>> finalUploadId, Consumer<CompletedPart> copied,
                   Consumer<Throwable> failed, BooleanSupplier hasFailed) {
        this.target = target;
        this.keyPrefix = keyPrefix;
        this.maxClosing = maxClosing;
        this.executor = executor;
        this.finalUploadId = finalUploadId;
        this.copied = copied;
        this.failed = failed;
        this.hasFailed = hasFailed;
    }

    /** The open segment that becomes final part {@code finalPart}; its staging upload starts with its first part. */
    Segment segmentFor(int finalPart) {
        if (open == null || open.finalPart != finalPart) {
            closeOpen();
            open = new Segment(finalPart);
            segments.add(open);
        }
        return open;
    }

    /**
     * No more parts go into the open segment (it is full, or the upload ends): once S3 answered for its parts, it
     * is completed, copied into the final upload and deleted.
     */
    void closeOpen() {
        Segment segment = open;
        open = null;
        if (segment == null) {
            return;
        }
        segment.closed = true;
        closing++;
        CompletableFuture.allOf(segment.partsEnded.toArray(CompletableFuture[]::new))
                .thenComposeAsync(v -> copyIntoFinal(segment), executor)
                .whenCompleteAsync((v, error) -> {
                    if (error != null) {
                        failed.accept(error);
                    }
                    closing--;
                    segment.finished.complete(null);
                    releaseRoom();
                }, executor);
    }

    private CompletionStage<Void> copyIntoFinal(Segment segment) {
        if (hasFailed.getAsBoolean()) {
            return READY;  // cleanUp removes it
        }
        segment.parts.sort(Comparator.comparingInt(CompletedPart::partNumber));
        segment.completing = true;
        return segment.uploadId
                .thenCompose(id -> target.s3().completeMultipartUpload(b -> b.bucket(target.bucket()).key(segment.key)
                        .uploadId(id).multipartUpload(m -> m.parts(segment.parts))))
                .thenComposeAsync(staged -> {
                    segment.completed = true;
                    requireSentParts(segment, staged);
                    if (hasFailed.getAsBoolean()) {
                        return READY;
                    }
                    return finalUploadId.get()
                            .thenCompose(id -> target.s3().uploadPartCopy(b -> b.sourceBucket(target.bucket())
                                    .sourceKey(segment.key).copySourceIfMatch(staged.eTag())
                                    .destinationBucket(target.bucket()).destinationKey(target.key()).uploadId(id)
                                    .partNumber(segment.finalPart)))
                            .thenAcceptAsync(copy -> copied.accept(CompletedPart.builder().partNumber(segment.finalPart)
                                    .eTag(copy.copyPartResult().eTag()).build()), executor)
                            .thenCompose(v -> delete(segment));
                }, executor);
    }

    /**
     * The completed staging object must be made of exactly the parts sent (each of which S3 checked against its
     * Content-MD5): its ETag is the MD5 of their MD5s. Not comparable when SSE-KMS encrypted it.
     */
    private void requireSentParts(Segment segment, CompleteMultipartUploadResponse staged) {
        String eTag = staged.eTag() == null ? "" : staged.eTag().replace("\"", "");
        boolean kms = staged.serverSideEncryption() == ServerSideEncryption.AWS_KMS
                || staged.serverSideEncryption() == ServerSideEncryption.AWS_KMS_DSSE;
        if (kms || !MULTIPART_ETAG.matcher(eTag).matches()) {
            return;
        }
        MessageDigest md5 = MultipartUploadSink.md5();
        segment.partMd5s.forEach(part -> md5.update(part.join()));
        String expected = HexFormat.of().formatHex(md5.digest()) + "-" + segment.partMd5s.size();
        if (!eTag.equals(expected)) {
            throw new VfsException(Reason.FAILED, target.displayPath() + ": S3 assembled a staging segment from other "
                    + "parts than were sent (ETag " + eTag + ", expected " + expected + "); nothing was stored");
        }
    }

    /** Completes while no more than {@code maxClosing} segments wait for their copy. */
    CompletionStage<Void> room() {
        if (closing <= maxClosing) {
            return READY;
        }
        if (room == null) {
            room = new CompletableFuture<>();
        }
        return room;
    }

    private void releaseRoom() {
        if (room != null && closing <= maxClosing) {
            CompletableFuture<Void> waiting = room;
            room = null;
            waiting.complete(null);
        }
    }

    /** Completes once every closed segment was copied into the final upload, or gave up. */
    CompletionStage<Void> finished() {
        return CompletableFuture.allOf(segments.stream().filter(s -> s.closed).map(s -> s.finished)
                .toArray(CompletableFuture[]::new));
    }

    /**
     * After a failure: waits for what is still running, then aborts every staging upload not completed and deletes
     * every staging object that may exist. Runs once; later calls get the same stage.
     */
    CompletionStage<Void> cleanUp() {
        if (cleanedUp == null) {
            List<CompletableFuture<?>> running = new ArrayList<>();
            for (Segment segment : segments) {
                running.add(segment.uploadId.handle((id, error) -> null));
                if (segment.closed) {
                    running.add(segment.finished);
                }
            }
            List<Segment> all = List.copyOf(segments);
            cleanedUp = CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
                    .thenCompose(v -> CompletableFuture.allOf(all.stream().map(this::remove).toArray(CompletableFuture[]::new)));
        }
        return cleanedUp;
    }

    private CompletableFuture<Void> remove(Segment segment) {
        if (segment.deleted) {
            return READY;
        }
        CompletableFuture<Void> aborted = segment.completed ? READY : segment.uploadId
                .thenCompose(id -> target.s3().abortMultipartUpload(b -> b.bucket(target.bucket()).key(segment.key).uploadId(id)))
                .handle((done, error) -> {
                    if (error != null && !S3Errors.isNotFound(error) && !segment.uploadId.isCompletedExceptionally()) {
                        LOG.warnf("Could not abort the staging upload s3://%s/%s (%s); a lifecycle rule on the staging "
                                + "prefix removes it", target.bucket(), segment.key, S3Errors.unwrap(error).getMessage());
                    }
                    return null;
                });
        // Completing may have succeeded even where its answer was lost: delete whenever it was asked for.
        return aborted.thenCompose(v -> segment.completing ? delete(segment) : READY);
    }

    /** Deletes a staging object; a failure is logged, not raised: the upload's own bytes are not at stake. */
    private CompletableFuture<Void> delete(Segment segment) {
        return target.s3().deleteObject(b -> b.bucket(target.bucket()).key(segment.key))
                .handle((done, error) -> {
                    if (error == null) {
                        segment.deleted = true;
                    } else {
                        LOG.warnf("Could not delete the staging object s3://%s/%s (%s); a lifecycle rule on the staging "
                                + "prefix removes it", target.bucket(), segment.key, S3Errors.unwrap(error).getMessage());
                    }
                    return null;
                });
    }
}
