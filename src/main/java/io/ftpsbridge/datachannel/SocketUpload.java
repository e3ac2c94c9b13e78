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
 * control then holds the client back). The end of the stream completes the upload; a reset, a TLS failure or
 * an abort aborts it, so nothing is stored.
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
