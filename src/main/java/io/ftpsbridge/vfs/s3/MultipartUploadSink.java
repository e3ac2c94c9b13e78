package io.ftpsbridge.vfs.s3;

import io.ftpsbridge.vfs.UploadSink;
import io.ftpsbridge.vfs.VfsException;
import io.ftpsbridge.vfs.VfsException.Reason;
import io.ftpsbridge.vfs.s3.StagedSegments.Segment;
import io.ftpsbridge.vfs.s3.UploadBufferBudget.Claim;
import io.ftpsbridge.vfs.s3.UploadPartPlan.BufferedPart;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Streams one upload into S3 without touching disk. Up to one part is buffered; it becomes a single PutObject
 * when the whole upload fits in it, otherwise a multipart upload whose parts are sent while the writer goes on,
 * at most {@code upload-concurrency} requests at a time. S3 verifies what it stores: each request carries either the
 * SDK's CRC32 ({@code when-supported} checksums) or, where the SDK sends none, the Content-MD5 of its bytes. MD5
 * is the costliest step of an upload, so it is computed only where it is needed (and for staging parts, whose
 * MD5s make the ETag a staged segment is checked against), off the connection's thread. Nothing exists under the
 * key before the PutObject or CompleteMultipartUpload succeeds, and a failed or aborted upload aborts its multipart
 * upload. All state changes run on the caller's {@code executor}.
 *
 * <p>Size: the {@link UploadPartPlan} says where each part goes. Past what directly sent parts can carry (their
 * size is capped by the budget, and S3 takes 10,000 parts), the parts go into staging segments that are copied into
 * the final upload server-side ({@link StagedSegments}), so one upload reaches S3's largest object, 5 TiB.
 *
 * <p>Memory: each part is claimed whole from the process-wide {@link UploadBufferBudget} before it is filled and
 * given back when S3 answered for it. The next part is claimed only after the filled one was handed over and is
 * in flight, so the upload never waits for budget while holding budget it could not use (see the budget for why
 * that is deadlock free). The bytes of the one write that found the part full wait outside the budget until the claim is
 * granted; the writer is paused meanwhile, so that is at most one socket read per upload. The bytes themselves are
 * copied into pooled direct memory ({@link PartBuffer}) that goes back to the pool with the claim.
 */
final class MultipartUploadSink implements UploadSink {

    private static final Logger LOG = Logger.getLogger(MultipartUploadSink.class);
    private static final CompletableFuture<Void> READY = CompletableFuture.completedFuture(null);
    /** In place of a part's MD5 where none is sent. */
    private static final CompletableFuture<byte[]> NO_DIGEST = CompletableFuture.completedFuture(null);

    private final UploadTarget target;
    private final int concurrency;
    private final UploadPartPlan plan;
    private final UploadLimits limits;
    private final String stagingPrefix;
    private final UploadBufferBudget budget;
    /** The size announced with ALLO, or -1: more or fewer bytes fail the upload. */
    private final long expectedSize;
    private final Executor executor;
    /** Where part MD5s are computed: not on {@code executor}, the connection's thread. */
    private final Executor digests;
    /** The SDK sends no checksum, so requests carry Content-MD5. */
    private final boolean contentMd5;

    /** The part being filled. */
    private PartBuffer pending = new PartBuffer();
    /** Budget for the part being filled; null before its claim. */
    private Claim pendingClaim;
    /** SHA-256 of the whole upload, kept while it may still be a single PutObject; dropped once it goes multipart. */
    private MessageDigest wholeDigest = sha256();
    private long total;
    /** Bytes in parts already handed over (kept heads not counted). */
    private long handedOver;

    private CompletableFuture<String> uploadId;
    /** Created with the first part that goes into a staging segment. */
    private StagedSegments staged;
    /** Part requests running; at most {@code concurrency}. */
    private int inFlight;
    /** Parts waiting for a lane: UploadPartCopy ranges of a kept head, or a last part sent at completion. */
    private final ArrayDeque<Runnable> queued = new ArrayDeque<>();
    private final List<CompletedPart> parts = new ArrayList<>();
    private final List<CompletableFuture<Void>> partUploads = new ArrayList<>();
    private CompletableFuture<Void> room;
    /** Fails with the first failure, so a writer waiting for budget stops waiting. */
    private final CompletableFuture<Void> failed = new CompletableFuture<>();
    private Throwable failure;
    private boolean closed;

    MultipartUploadSink(UploadTarget target, S3Settings settings,
                        UploadBufferBudget budget, long expectedSize, Executor executor, Executor digests) {
        this.target = target;
        this.concurrency = settings.uploadConcurrency();
        this.limits = settings.uploadLimits();
        this.plan = new UploadPartPlan(settings.partSizes(), limits);
        this.stagingPrefix = settings.stagingPrefix();
        this.budget = budget;
        this.expectedSize = expectedSize;
        this.executor = executor;
        this.digests = digests;
        this.contentMd5 = !settings.sdkChecksums();
    }

    /**
     * Keeps the first {@code length} bytes of the object now under the key, server-side: the upload becomes a
     * multipart upload whose first parts are UploadPartCopy ranges of it (S3 needs 5 MiB or more for each, so the
     * caller prepends smaller heads as bytes instead). Call before the first write.
     */
    void keepExisting(long length) {
        int count = (int) ((length + PartSizeSchedule.MAX_PART_SIZE - 1) / PartSizeSchedule.MAX_PART_SIZE);
        long size = (length + count - 1) / count;
        uploadId = target.s3().createMultipartUpload(b -> b.bucket(target.bucket()).key(target.key())).thenApply(r -> r.uploadId());
        wholeDigest = null;
        int number = 0;
        for (long first = 0; first < length; first += size) {
            int part = ++number;
            String range = "bytes=" + first + "-" + (Math.min(length, first + size) - 1);
            startPart(() -> { }, () -> uploadId
                    .thenCompose(id -> target.s3().uploadPartCopy(b -> b.sourceBucket(target.bucket()).sourceKey(target.key())
                            .destinationBucket(target.bucket()).destinationKey(target.key()).uploadId(id).partNumber(part)
                            .copySourceRange(range)))
                    .thenApply(response -> response.copyPartResult().eTag()), eTag -> recordPart(part, eTag));
        }
        plan.kept(count, length);
    }

    /** Completes once the first part's budget is granted: lets a caller claim before it reads bytes to write. */
    CompletionStage<Void> ready() {
        return claimPart();
    }

    @Override
    public CompletionStage<Void> write(ByteBuffer data) {
        CompletableFuture<Void> refused = target.refusal(failure, closed);
        if (refused != null) {
            return refused;
        }
        total += data.remaining();
        if (expectedSize >= 0 && total > expectedSize) {
            VfsException mismatch = target.sizeMismatch(expectedSize, total);
            fail(mismatch);
            return CompletableFuture.failedFuture(mismatch);
        }
        if (total > limits.maxObjectSize()) {
            return tooLarge();
        }
        if (wholeDigest != null) {
            wholeDigest.update(data.duplicate());
        }
        boolean handedOne = false;
        while (data.hasRemaining()) {
            long partSize = plan.current().size();
            if (pending.size() == partSize) {
                // Full, and more is coming: only now is it a part, so an upload of exactly one part stays one PutObject.
                if (!plan.hasPartAfterCurrent()) {
                    return tooLarge();
                }
                sendPart();
                handedOne = true;
                continue;
            }
            // A view, not a copy: a read that crosses the part boundary is cut where the part ends.
            int take = (int) Math.min(data.remaining(), partSize - pending.size());
            ByteBuffer piece = data.slice(data.position(), take);
            data.position(data.position() + take);
            pending.append(piece);
        }
        return handedOne ? lane().thenCompose(v -> claimPart()) : claimPart();
    }

    /** Beyond the largest object (or, with test limits, the last part number): 552, and nothing is stored. */
    private CompletableFuture<Void> tooLarge() {
        VfsException tooLarge = new VfsException(Reason.TOO_LARGE, target.displayPath() + ": larger than "
                + plan.maxObjectSize() + " bytes, the largest object S3 stores; nothing was stored");
        fail(tooLarge);
        return CompletableFuture.failedFuture(tooLarge);
    }

    @Override
    public long bytesWritten() {
        return total;
    }

    /** Claims the budget of the part being filled, if not done yet; the stage completes once it is granted. */
    private CompletionStage<Void> claimPart() {
        if (failure != null) {
            return CompletableFuture.failedFuture(target.translate(failure));
        }
        if (pendingClaim == null && !closed) {
            long size = plan.current().size();
            if (expectedSize >= 0) {
                size = Math.min(size, expectedSize - handedOver);
            }
            if (size == 0) {
                return READY;
            }
            pendingClaim = budget.claim(size);
        }
        if (pendingClaim == null || pendingClaim.isGranted()) {
            return READY;
        }
        return CompletableFuture.anyOf(pendingClaim.granted().toCompletableFuture(), failed).thenApply(granted -> null);
    }

    /**
     * Completes once every handed-over part has its lane (is in flight), or fails with the upload. So an upload
     * fills one part while up to {@code concurrency} are in flight, and never holds more than
     * {@code concurrency + 1} parts.
     */
    private CompletionStage<Void> lane() {
        if (failure != null) {
            return CompletableFuture.failedFuture(target.translate(failure));
        }
        if (queued.isEmpty()) {
            return segmentRoom();
        }
        if (room == null) {
            room = new CompletableFuture<>();
        }
        return room.thenCompose(v -> segmentRoom());
    }

    /** With staging segments: completes while few enough segments wait for their copy, or once the upload failed. */
    private CompletionStage<Void> segmentRoom() {
        if (staged == null) {
            return READY;
        }
        return CompletableFuture.anyOf(staged.room().toCompletableFuture(), failed).thenApply(v -> null);
    }

    private void sendPart() {
        PartBuffer sent = pending;
        ByteBuffer[] body = sent.body();
        long length = sent.size();
        BufferedPart part = plan.current();
        CompletableFuture<byte[]> md5 = contentMd5 || part.staged() ? sent.md5(digests) : NO_DIGEST;
        plan.sent(length);
        Claim claim = pendingClaim;
        Runnable giveBack = afterDigest(md5, () -> {
            closeClaim(claim);
            sent.release();
        });
        pending = new PartBuffer();
        pendingClaim = null;
        handedOver += length;
        if (uploadId == null) {
            uploadId = target.s3().createMultipartUpload(b -> b.bucket(target.bucket()).key(target.key())).thenApply(r -> r.uploadId());
        }
        wholeDigest = null;
        if (!part.staged()) {
            int number = part.finalPart();
            startPart(giveBack, () -> uploadPart(target.key(), uploadId, number, length, md5, body), eTag -> recordPart(number, eTag));
            return;
        }
        Segment segment = stagedSegments(handedOver - length).segmentFor(part.finalPart());
        int number = part.stagingPart();
        segment.expect(md5, startPart(giveBack, () -> uploadPart(segment.key(), segment.uploadId(), number, length, md5, body),
                eTag -> segment.uploaded(number, eTag)));
        if (part.endsSegment()) {
            staged.closeOpen();
        }
    }

    private CompletableFuture<String> uploadPart(String key, CompletableFuture<String> id, int number, long length,
                                                 CompletableFuture<byte[]> md5, ByteBuffer[] body) {
        return md5.thenCompose(digest -> id.thenCompose(uid -> target.s3().uploadPart(b -> b.bucket(target.bucket())
                                .key(key).uploadId(uid).partNumber(number).contentLength(length)
                                .contentMD5(contentMd5(digest)),
                        AsyncRequestBody.fromRemainingByteBuffersUnsafe(body))))
                .thenApply(response -> response.eTag());
    }

    /** The Content-MD5 header of a request whose bytes have {@code digest}, or none where the SDK sends a CRC. */
    private String contentMd5(byte[] digest) {
        return contentMd5 ? Base64.getEncoder().encodeToString(digest) : null;
    }

    /**
     * Runs {@code release} once the part's MD5 is done with its bytes: at once where it is (the usual case, as a part
     * is sent only after it), else when it is, on the upload's executor.
     */
    private Runnable afterDigest(CompletableFuture<byte[]> md5, Runnable release) {
        return () -> {
            if (md5.isDone()) {
                release.run();
            } else {
                md5.whenCompleteAsync((digest, error) -> release.run(), executor);
            }
        };
    }

    /** The upload's staging segments, started (and logged) with the first staged part, after {@code direct} bytes. */
    private StagedSegments stagedSegments(long direct) {
        if (staged == null) {
            LOG.infof("s3://%s/%s: past %d bytes, the upload goes on in staging segments of up to %d bytes under %s, each "
                    + "copied into it as one part", target.bucket(), target.key(), direct, plan.segmentSize(), stagingPrefix);
            staged = new StagedSegments(target, stagingPrefix + UUID.randomUUID() + ".", concurrency, executor,
                    () -> uploadId, parts::add, this::fail, () -> failure != null);
        }
        return staged;
    }

    private void recordPart(int number, String eTag) {
        parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
    }

    /**
     * Runs a part request now if a lane is free, else when one frees; its buffer and the buffer's claim are given
     * back ({@code giveBack}) as soon as S3 answered, and {@code uploaded} takes the part's ETag. A part that gets its lane after the upload
     * failed is dropped unsent. The stage returned ends when the part did, either way.
     */
    private CompletableFuture<Void> startPart(Runnable giveBack, Supplier<CompletableFuture<String>> request,
                                              Consumer<String> uploaded) {
        CompletableFuture<Void> ended = new CompletableFuture<>();
        partUploads.add(ended);
        queued.add(() -> {
            if (failure != null) {
                giveBack.run();
                ended.complete(null);
                return;
            }
            inFlight++;
            request.get().whenCompleteAsync((eTag, error) -> {
                try {
                    giveBack.run();
                    partDone(error, () -> uploaded.accept(eTag));
                } finally {
                    ended.complete(null);  // whatever happened above, the upload's end must not wait for this part forever
                }
            }, executor);
        });
        startQueued();
        return ended;
    }

    private void startQueued() {
        while (inFlight < concurrency && !queued.isEmpty()) {
            queued.poll().run();
        }
    }

    private void partDone(Throwable error, Runnable record) {
        inFlight--;
        if (error != null) {
            fail(error);
        } else {
            record.run();
        }
        startQueued();
        releaseRoom();
    }

    private void fail(Throwable error) {
        if (failure == null) {
            failure = error;
            failed.completeExceptionally(target.translate(error));
        }
        releaseRoom();
    }

    private void releaseRoom() {
        if (room != null && (queued.isEmpty() || failure != null)) {
            CompletableFuture<Void> waiting = room;
            room = null;
            if (failure != null) {
                waiting.completeExceptionally(target.translate(failure));
            } else {
                waiting.complete(null);
            }
        }
    }

    private static void closeClaim(Claim claim) {
        if (claim != null) {
            claim.close();
        }
    }

    @Override
    public CompletionStage<Void> complete() {
        CompletableFuture<Void> refused = target.refusal(null, closed);
        if (refused != null) {
            return refused;
        }
        closed = true;
        if (failure == null && expectedSize >= 0 && total != expectedSize) {
            fail(target.sizeMismatch(expectedSize, total));
        }
        if (failure != null) {
            dropPending();
            return abortThenFail(failure);
        }
        if (uploadId == null) {
            return putWhole();
        }
        if (pending.size() > 0) {
            sendPart();
        } else {
            dropPending();
        }
        if (staged != null) {
            staged.closeOpen();  // the last segment, short; an empty one was never opened
        }
        return CompletableFuture.allOf(partUploads.toArray(CompletableFuture[]::new))
                .thenCompose(v -> staged == null ? READY : staged.finished())
                .thenComposeAsync(v -> {
                    if (failure != null) {
                        return abortThenFail(failure);
                    }
                    parts.sort(Comparator.comparingInt(CompletedPart::partNumber));
                    String id = uploadId.join();
                    return target.s3().completeMultipartUpload(b -> b.bucket(target.bucket()).key(target.key()).uploadId(id)
                                    .multipartUpload(m -> m.parts(parts)))
                            .handleAsync((done, error) -> error == null
                                    ? READY : abortThenFail(error), executor)
                            .thenCompose(stage -> stage);
                }, executor);
    }

    private CompletionStage<Void> putWhole() {
        PartBuffer sent = pending;
        ByteBuffer[] body = sent.body();
        CompletableFuture<byte[]> md5 = contentMd5 ? sent.md5(digests) : NO_DIGEST;
        long length = sent.size();
        String sha256 = HexFormat.of().formatHex(wholeDigest.digest());
        Claim claim = pendingClaim;
        pending = new PartBuffer();
        pendingClaim = null;
        // The SHA-256 is known before the object exists, so it is stored with it (HASH answers from it).
        return md5.thenCompose(digest -> target.s3().putObject(b -> b.bucket(target.bucket()).key(target.key())
                                .contentLength(length).contentMD5(contentMd5(digest))
                                .metadata(Map.of(S3FileSystemView.SHA256_METADATA, sha256)),
                        AsyncRequestBody.fromRemainingByteBuffersUnsafe(body)))
                .handle((done, error) -> {
                    closeClaim(claim);
                    sent.release();
                    if (error != null) {
                        throw target.translate(error);
                    }
                    return null;
                });
    }

    /** Drops the bytes of the part being filled and gives back (or withdraws) its claim. */
    private void dropPending() {
        pending.release();
        closeClaim(pendingClaim);
        pendingClaim = null;
    }

    @Override
    public CompletionStage<Void> abort() {
        fail(new VfsException(Reason.INTERRUPTED, "upload aborted"));
        closed = true;
        dropPending();
        return abortMultipart();
    }

    private CompletionStage<Void> abortThenFail(Throwable cause) {
        return abortMultipart().thenCompose(v -> CompletableFuture.failedFuture(target.translate(cause)));
    }

    /**
     * Waits for parts still in flight, so none lands after the abort, then removes the staging segments and drops the
     * multipart upload.
     */
    private CompletionStage<Void> abortMultipart() {
        if (uploadId == null) {
            return READY;
        }
        CompletableFuture<String> id = uploadId;
        return CompletableFuture.allOf(partUploads.toArray(CompletableFuture[]::new))
                .handle((v, ignored) -> staged == null ? READY : staged.cleanUp())
                .thenCompose(cleaned -> cleaned)
                .handle((v, ignored) -> id)
                .thenCompose(f -> f)
                .thenCompose(uid -> target.s3().abortMultipartUpload(b -> b.bucket(target.bucket()).key(target.key()).uploadId(uid)))
                .handle((aborted, error) -> {
                    if (error != null && !S3Errors.isNotFound(error)) {
                        LOG.warnf("Could not abort the multipart upload of s3://%s/%s (%s); it stays invisible until a "
                                + "lifecycle rule removes it", target.bucket(), target.key(), S3Errors.unwrap(error).getMessage());
                    }
                    return null;
                });
    }

    static MessageDigest md5() {
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
