package io.ftpsbridge.datachannel;

import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * Sends a stream of bytes to the client: asks the publisher for more only while the socket's write queue has
 * room, so a slow client slows the read from storage instead of filling memory.
 */
public final class SocketDownload implements TransferTask, Flow.Subscriber<ByteBuffer> {

    /** Chunks asked for ahead; enough to keep the socket busy between storage deliveries. */
    private static final int PREFETCH = 4;

    private final DataConnection connection;
    private final Flow.Publisher<ByteBuffer> source;
    private final LineEndings lineEndings;
    private final Promise<Long> done = Promise.promise();
    private Flow.Subscription subscription;
    private long bytes;
    private boolean finished;

    /** With {@code lineEndings} (TYPE A), LF line ends are sent as CRLF; null sends the bytes unchanged. */
    public SocketDownload(DataConnection connection, Flow.Publisher<ByteBuffer> source, LineEndings lineEndings) {
        this.connection = connection;
        this.source = source;
        this.lineEndings = lineEndings;
    }

    @Override
    public Future<Long> start() {
        NetSocket socket = connection.socket();
        socket.exceptionHandler(e -> fail(new DataChannelException("data connection failed: " + e.getMessage(), e)));
        socket.closeHandler(v -> fail(new DataChannelException("the client closed the data connection")));
        source.subscribe(this);
        return done.future();
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        connection.context().runOnContext(v -> {
            subscription = s;
            if (finished) {
                s.cancel();
            } else {
                s.request(PREFETCH);
            }
        });
    }

    @Override
    public void onNext(ByteBuffer chunk) {
        connection.context().runOnContext(v -> {
            if (finished) {
                return;
            }
            NetSocket socket = connection.socket();
            ByteBuffer out = lineEndings == null ? chunk : lineEndings.convert(chunk);
            bytes += out.remaining();
            socket.write(Buffer.buffer(Unpooled.wrappedBuffer(out)));
            if (socket.writeQueueFull()) {
                socket.drainHandler(x -> {
                    socket.drainHandler(null);
                    if (!finished) {
                        subscription.request(1);
                    }
                });
            } else {
                subscription.request(1);
            }
        });
    }

    @Override
    public void onError(Throwable failure) {
        connection.context().runOnContext(v -> fail(failure));
    }

    @Override
    public void onComplete() {
        connection.context().runOnContext(v -> {
            if (finished) {
                return;
            }
            finished = true;
            NetSocket socket = connection.socket();
            socket.closeHandler(null);
            socket.end().onComplete(ended -> {
                if (ended.succeeded()) {
                    done.tryComplete(bytes);
                } else {
                    done.tryFail(new DataChannelException("data connection failed at the end", ended.cause()));
                }
            });
        });
    }

    @Override
    public void abort() {
        fail(new DataChannelException("transfer aborted"));
    }

    private void fail(Throwable failure) {
        if (finished) {
            return;
        }
        finished = true;
        if (subscription != null) {
            subscription.cancel();
        }
        connection.socket().close();
        done.tryFail(failure);
    }

    @Override
    public long progress() {
        return bytes;
    }
}
