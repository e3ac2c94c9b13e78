package io.ftpsbridge.datachannel;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

/** Writes text (a listing) to a data connection, one page at a time, waiting whenever the socket is full. */
public final class SocketTextWriter {

    private final NetSocket socket;

    public SocketTextWriter(NetSocket socket) {
        this.socket = socket;
    }

    /** Writes the text; the future completes when the socket can take more. */
    public Future<Void> write(Buffer text) {
        socket.write(text);
        if (!socket.writeQueueFull()) {
            return Future.succeededFuture();
        }
        Promise<Void> drained = Promise.promise();
        socket.drainHandler(v -> {
            socket.drainHandler(null);
            drained.tryComplete();
        });
        return drained.future();
    }
}
