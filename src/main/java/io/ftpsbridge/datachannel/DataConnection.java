package io.ftpsbridge.datachannel;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.net.NetSocket;

/**
 * An open data connection: the socket, the event-loop context its handlers run on, and the end of its TLS
 * handshake. Many clients (Commons Net, for one) start the handshake only after the 150 reply, so the connection
 * counts as open once TCP is, and a transfer waits for {@code ready} before it moves a byte. {@code inbound}: what
 * the client sends, held until a transfer reads it. {@code tls}: the connection is protected (PROT P), so an
 * upload must end with close_notify.
 */
public record DataConnection(NetSocket socket, Context context, Future<Void> ready, DataConnectionEvents events,
                             InboundBytes inbound, boolean tls) {

    public void close() {
        socket.close();
    }
}
