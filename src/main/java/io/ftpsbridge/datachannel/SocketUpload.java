package io.ftpsbridge.datachannel;

import io.ftpsbridge.vfs.UploadSink;
import io.ftpsbridge.vfs.VfsException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.net.NetSocket;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Feeds what the client sends into an upload sink. The socket stops reading whenever the sink has no room (TCP flow
 * control then holds the client back). The client's TLS close_notify completes the upload (a bare TCP close
 * only where close_notify is not required); a reset, a TLS failure or an abort, at any time since the
 * connection was accepted, aborts it, so nothing is stored.
 */
public final class SocketUpload implements TransferTask {

    private final DataConnection connection;
    private final CompletionStage<UploadSink> sinkReady;
    private UploadSink sink;
    private final boolean requireCloseNotify;
    private final LineEndings lineEndings;
    private final Promise<Long> done = Promise.promise();
    private boolean finished;

    /** With {@code requireCloseNotify}, a TLS upload that ends by TCP alone is discarded as possibly truncated. */
    public SocketUpload(DataConnection connection, UploadSink sink, boolean requireCloseNotify) {
        this(connection, CompletableFuture.completedFuture(sink), requireCloseNotify, null);
    }

    /**
     * An upload whose sink may still be being prepared (a resumed upload reads or copies the kept head first);
     * with {@code lineEndings} (TYPE A) the bytes are converted on the way.
     */
    public SocketUpload(DataConnection connection, CompletionStage<UploadSink> sink, boolean requireCloseNotify,
                        LineEndings lineEndings) {
        this.connection = connection;
        this.sinkReady = sink;
        this.requireCloseNotify = requireCloseNotify;
        this.lineEndings = lineEndings;
    }

    @Override
    public Future<Long> start() {
        sinkReady.whenComplete((ready, failure) -> connection.context().runOnContext(v -> {
            if (failure != null) {
                finished = true;
                connection.inbound().discard();
                connection.socket().close();
                done.tryFail(failure);
            } else if (finished) {
                ready.abort();
            } else {
                sink = ready;
                receive();
            }
        }));
        return done.future();
    }

    private void receive() {
        NetSocket socket = connection.socket();
        socket.exceptionHandler(e -> fail(new DataChannelException("data connection failed: " + e.getMessage(), e)));
        Throwable earlier = connection.events().failure();
        if (earlier != null) {
            // It broke while waiting for this transfer: whatever is held is not the whole file.
            fail(new DataChannelException("data connection failed: " + earlier.getMessage(), earlier));
            return;
        }
        // close_notify ends the data; closing answers it with ours, and the end still arrives behind any bytes
        // that are held while the sink is full, so nothing is cut off.
        connection.events().onCloseNotify(socket::close);
        connection.inbound().read(
                data -> sink.write(lineEndings == null ? data : lineEndings.convert(data)),
                this::complete, this::fail);
    }

    private void complete() {
        if (finished) {
            return;
        }
        if (requireCloseNotify && connection.tls() && !connection.events().closeNotifyReceived()) {
            // TCP ended without TLS saying so: the client may have died half-way (RFC 8446 §6.1, truncation).
            fail(new DataChannelException("the data connection ended without a TLS close_notify, so the upload may be "
                    + "cut short; it was discarded"));
            return;
        }
        finished = true;
        connection.inbound().discard();
        ByteBuffer tail = lineEndings == null ? null : lineEndings.finish();
        CompletionStage<Void> flushed = tail == null || !tail.hasRemaining()
                ? CompletableFuture.completedFuture(null) : sink.write(tail);
        flushed.thenCompose(v -> sink.complete()).whenComplete((v, failure) -> connection.context().runOnContext(x -> {
            if (failure != null) {
                done.tryFail(failure);
            } else {
                done.tryComplete(sink.bytesWritten());
            }
        }));
    }

    @Override
    public long progress() {
        return sink == null ? 0 : sink.bytesWritten();
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
        connection.inbound().discard();
        connection.socket().close();
        if (sink == null) {
            done.tryFail(failure);
            return;
        }
        sink.abort().whenComplete((v, ignored) -> connection.context().runOnContext(x -> done.tryFail(failure)));
    }
}
