package io.ftpsbridge.vfs.s3;

import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.AsyncRequestBody;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * A request body of known length whose bytes the writer pushes in as they arrive, handed over as they are (no
 * copy). The HTTP client asks for the next buffer once it wrote the last, and {@link #send} completes only when a
 * buffer was taken, so at most one buffer waits here. It can be read once: an SDK retry of the streamed request
 * fails instead of sending other bytes. All state changes run on the upload's executor.
 */
final class PushedBody implements AsyncRequestBody {

    private final long length;
    private final Executor executor;
    private Subscriber<? super ByteBuffer> subscriber;
    private long demand;
    private ByteBuffer next;
    private CompletableFuture<Void> taken;
    private boolean ending;
    private Throwable error;
    /** A terminal signal was sent, or the subscriber cancelled. */
    private boolean done;

    PushedBody(long length, Executor executor) {
        this.length = length;
        this.executor = executor;
    }

    @Override
    public Optional<Long> contentLength() {
        return Optional.of(length);
    }

    @Override
    public void subscribe(Subscriber<? super ByteBuffer> s) {
        executor.execute(() -> {
            if (subscriber != null) {
                s.onSubscribe(new Subscription() {
                    @Override
                    public void request(long n) {
                    }

                    @Override
                    public void cancel() {
                    }
                });
                s.onError(new IllegalStateException("a streamed upload body can be sent only once"));
                return;
            }
            subscriber = s;
            s.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                    executor.execute(() -> {
                        if (n <= 0) {
                            // Reactive Streams §3.9.
                            fail(new IllegalArgumentException("request(" + n + ")"));
                            return;
                        }
                        demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                        drain();
                    });
                }

                @Override
                public void cancel() {
                    executor.execute(() -> {
                        done = true;
                        dropNext(new IllegalStateException("the storage request stopped reading the upload"));
                    });
                }
            });
            drain();
        });
    }

    /** Hands one buffer to the HTTP client; the stage completes once it was taken. One at a time. */
    CompletionStage<Void> send(ByteBuffer buffer) {
        if (error != null || done) {
            return CompletableFuture.failedFuture(error != null ? error
                    : new IllegalStateException("the storage request stopped reading the upload"));
        }
        next = buffer;
        taken = new CompletableFuture<>();
        CompletableFuture<Void> stage = taken;
        drain();
        return stage;
    }

    /** No more buffers after the one waiting, if any. */
    void end() {
        ending = true;
        drain();
    }

    /** Ends the body with an error: the HTTP client drops the request, so S3 stores nothing. */
    void fail(Throwable failure) {
        if (error == null) {
            error = failure;
        }
        dropNext(failure);
        drain();
    }

    private void dropNext(Throwable failure) {
        next = null;
        if (taken != null) {
            CompletableFuture<Void> waiting = taken;
            taken = null;
            waiting.completeExceptionally(failure);
        }
    }

    private void drain() {
        if (subscriber == null || done) {
            return;
        }
        if (error != null) {
            done = true;
            subscriber.onError(error);
            return;
        }
        if (next != null && demand > 0) {
            demand--;
            ByteBuffer buffer = next;
            CompletableFuture<Void> waiting = taken;
            next = null;
            taken = null;
            subscriber.onNext(buffer);
            waiting.complete(null);
        }
        if (next == null && ending && !done) {
            done = true;
            subscriber.onComplete();
        }
    }
}
