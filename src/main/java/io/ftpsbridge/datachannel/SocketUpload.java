package io.ftpsbridge.datachannel;

import io.ftpsbridge.vfs.UploadSink;
import io.ftpsbridge.vfs.VfsException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.net.NetSocket;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Feeds what the client sends into an upload sink. The socket is paused whenever the sink has no room (TCP flow
 * control then holds the client back). The end of the stream (TLS close_notify or TCP close) completes the
 * upload; a reset, a TLS failure or an abort, at any time since the connection was accepted, aborts it, so
 * nothing is stored.
 */
public final class SocketUpload implements TransferTask {

    private final DataConnection connection;
    private final UploadSink sink;
    private final Promise<Long> done = Promise.promise();
    private boolean finished;

    public SocketUpload(DataConnection connection, UploadSink sink) {
        this.connection = connection;
        this.sink = sink;
    }

    @Override
    public Future<Long> start() {
        NetSocket socket = connection.socket();
        socket.handler(buffer -> {
            if (finished) {
                return;
            }
            CompletionStage<Void> room = sink.write(buffer.getByteBuf().nioBuffer());
            CompletableFuture<Void> f = room.toCompletableFuture();
            if (f.isDone() && !f.isCompletedExceptionally()) {
                return;
            }
            socket.pause();
            room.whenComplete((v, failure) -> connection.context().runOnContext(x -> {
                if (failure != null) {
                    fail(failure);
                } else if (!finished) {
                    socket.resume();
                }
            }));
        });
        socket.exceptionHandler(e -> fail(new DataChannelException("data connection failed: " + e.getMessage(), e)));
        socket.endHandler(v -> complete());
        Throwable earlier = connection.events().failure();
        if (earlier != null) {
            // It broke while waiting for this transfer: whatever is buffered is not the whole file.
            fail(new DataChannelException("data connection failed: " + earlier.getMessage(), earlier));
            return done.future();
        }
        // close_notify ends the data; closing answers it with ours, and the end still arrives behind any bytes
        // that are buffered while the sink is full, so nothing is cut off.
        connection.events().onCloseNotify(socket::close);
        socket.resume();
        return done.future();
    }

    private void complete() {
        if (finished) {
            return;
        }
        finished = true;
        sink.complete().whenComplete((v, failure) -> connection.context().runOnContext(x -> {
            if (failure != null) {
                done.tryFail(failure);
            } else {
                done.tryComplete(sink.bytesWritten());
            }
        }));
    }

    @Override
    public long progress() {
        return sink.bytesWritten();
    }

    @Override
    public void abort() {
        fail(new VfsException(VfsException.Reason.INTERRUPTED, "transfer aborted"));
    }

    private void fail(Throwable failure) {
        if (finished) {
            return;
        }
        finished = true;
        connection.socket().close();
        sink.abort().whenComplete((v, ignored) -> connection.context().runOnContext(x -> done.tryFail(failure)));
    }
}
