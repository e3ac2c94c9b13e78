package io.ftpsbridge.vfs.s3;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The one budget of part buffers shared by every upload of the process ({@code bridge.s3.upload-buffer-budget}).
 * An upload claims a whole part before it buffers it and gives the claim back once S3 confirmed the part (or the
 * upload ended); while its claim waits, the upload's socket stays paused, so TCP holds the client back.
 *
 * <p>Why this cannot deadlock: claims are granted strictly first come, first served, and no claim is larger than
 * the capacity (a part is never larger than {@code budget / (upload-concurrency + 1)}, see S3Settings), so the
 * claim at the head of the queue is granted as soon as enough bytes come back. Bytes come back in finite time
 * because every granted claim is held either by a part request in flight to S3, which ends on its own (success,
 * failure or the SDK's timeouts), or by the part an upload is filling, which waits only for its client, never for
 * budget: an upload asks for its next claim only after it has handed its filled part over, so no upload waits for
 * budget while holding budget it cannot use. A client that stops sending is cut by the data idle timeout, which
 * ends its upload and returns its claims.
 *
 * <p>Thread-safe: uploads run on different event loops. The lock guards a few counters and the queue only (no I/O,
 * no callbacks inside it), and grants are completed after it is released.
 */
public final class UploadBufferBudget {

    private final long capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Claim> queue = new ArrayDeque<>();
    private long reserved;
    private long peakReserved;
    private long queuedClaims;

    UploadBufferBudget(long capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    /** Bytes all uploads together may hold in part buffers. */
    public long capacity() {
        return capacity;
    }

    /** Bytes granted now. */
    public long reserved() {
        return read(() -> reserved);
    }

    /** The most bytes ever granted at one time; never above {@link #capacity()}. */
    public long peakReserved() {
        return read(() -> peakReserved);
    }

    /** Claims that had to wait for bytes, since startup: how often the budget held an upload back. */
    public long queuedClaims() {
        return read(() -> queuedClaims);
    }

    /** Claims waiting for bytes. */
    public int waiting() {
        return (int) read(queue::size);
    }

    private long read(LongSupplier value) {
        lock.lock();
        try {
            return value.getAsLong();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Asks for {@code bytes}: granted at once when nobody waits ahead and they are free, otherwise queued behind
     * the claims already waiting.
     */
    Claim claim(long bytes) {
        if (bytes < 0 || bytes > capacity) {
            throw new IllegalArgumentException("a claim must be between 0 and " + capacity + " bytes, got " + bytes);
        }
        Claim claim = new Claim(bytes);
        boolean now;
        lock.lock();
        try {
            now = queue.isEmpty() && reserved + bytes <= capacity;
            if (now) {
                grant(claim);
            } else {
                queue.addLast(claim);
                queuedClaims++;
            }
        } finally {
            lock.unlock();
        }
        if (now) {
            claim.granted.complete(null);
        }
        return claim;
    }

    private void grant(Claim claim) {
        claim.held = true;
        reserved += claim.bytes;
        peakReserved = Math.max(peakReserved, reserved);
    }

    /** Ends a claim: gives its bytes back if it was granted, leaves the queue if not; then serves the queue. */
    private void close(Claim claim) {
        ArrayDeque<Claim> granted = new ArrayDeque<>();
        boolean withdrawn = false;
        lock.lock();
        try {
            if (claim.closed) {
                return;
            }
            claim.closed = true;
            if (claim.held) {
                reserved -= claim.bytes;
            } else {
                withdrawn = queue.remove(claim);
            }
            // Strict FIFO: a claim that does not fit yet blocks those behind it, so a large one cannot starve.
            while (!queue.isEmpty() && reserved + queue.peekFirst().bytes <= capacity) {
                Claim next = queue.pollFirst();
                grant(next);
                granted.add(next);
            }
        } finally {
            lock.unlock();
        }
        if (withdrawn) {
            claim.granted.completeExceptionally(new IllegalStateException("claim withdrawn before it was granted"));
        }
        granted.forEach(next -> next.granted.complete(null));
    }

    /** Some bytes of the budget, held from the grant until {@link #close()}. */
    final class Claim implements AutoCloseable {

        private final long bytes;
        private final CompletableFuture<Void> granted = new CompletableFuture<>();
        /** Guarded by the budget's lock. */
        private boolean held;
        private boolean closed;

        private Claim(long bytes) {
            this.bytes = bytes;
        }

        long bytes() {
            return bytes;
        }

        /**
         * Completes once the bytes are granted, on the thread that freed them (keep what depends on it short);
         * fails if the claim is closed first.
         */
        CompletionStage<Void> granted() {
            return granted;
        }

        boolean isGranted() {
            return granted.isDone() && !granted.isCompletedExceptionally();
        }

        /** Gives the bytes back, or withdraws the claim while it waits. Idempotent. */
        @Override
        public void close() {
            UploadBufferBudget.this.close(this);
        }
    }
}
