package io.ftpsbridge.datachannel;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetSocket;

import javax.net.ssl.SSLSession;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * A port from the pool that waits for its session's client (PASV, EPSV). Only a connection from the control
 * connection's own address is taken; with PROT P its TLS handshake completes before a transfer may use it.
 * State lives on the control connection's context; the listener hands sockets over to it.
 */
public final class PassiveDataChannel implements DataChannel {

    private final PassivePortPool pool;
    private final Context control;
    private final String clientAddress;
    private final boolean tls;
    private final Function<SSLSession, Optional<String>> sessionCheck;
    private int port;
    private DataConnection connection;
    private Promise<DataConnection> waiting;
    private long timer = -1;
    private boolean released;

    private PassiveDataChannel(PassivePortPool pool, Context control, String clientAddress, boolean tls,
                               Function<SSLSession, Optional<String>> sessionCheck) {
        this.pool = pool;
        this.control = control;
        this.clientAddress = clientAddress;
        this.tls = tls;
        this.sessionCheck = sessionCheck;
    }

    /**
     * Reserves a port for a session; empty when the pool is exhausted. Call on the control context. With
     * {@code tls}, {@code sessionCheck} says why a handshaken data connection's TLS session is refused, if it is.
     */
    public static Optional<PassiveDataChannel> open(PassivePortPool pool, Context control, String clientAddress, boolean tls,
                                                    Function<SSLSession, Optional<String>> sessionCheck) {
        PassiveDataChannel channel = new PassiveDataChannel(pool, control, clientAddress, tls, sessionCheck);
        Optional<Integer> port = pool.reserve(channel);
        port.ifPresent(p -> channel.port = p);
        return port.map(p -> channel);
    }

    public int port() {
        return port;
    }

    /**
     * A connection arrived on this channel's port; runs on the listener's context. {@code serverTls} starts the
     * server side of TLS on it (PROT P) and completes with the session.
     */
    void accept(NetSocket socket, Function<NetSocket, Future<SSLSession>> serverTls) {
        if (!clientAddress.equals(socket.remoteAddress().hostAddress())) {
            // RFC 2577 §5: a data connection from another host is someone else's; the client may still come.
            socket.close();
            return;
        }
        Context data = Vertx.currentContext();
        InboundBytes inbound = InboundBytes.hold(socket, data);
        DataConnectionEvents events = DataConnectionEvents.watch(socket);
        // Nothing is read from or written to a refused connection: transfers start only once ready succeeds.
        Future<Void> ready = tls ? serverTls.apply(socket)
                .compose(session -> {
                    HandshakeAck.sendNow(socket);
                    return DataProtectionException.enforce(sessionCheck, session);
                }) : Future.succeededFuture();
        ready.onFailure(e -> socket.close());
        control.runOnContext(v -> connected(new DataConnection(socket, data, ready, events, inbound, tls)));
    }

    private void connected(DataConnection opened) {
        if (released || connection != null) {
            opened.close();
            return;
        }
        connection = opened;
        if (waiting != null) {
            control.owner().cancelTimer(timer);
            Promise<DataConnection> promise = waiting;
            waiting = null;
            promise.complete(opened);
        }
    }

    @Override
    public Future<DataConnection> connection(Duration timeout) {
        if (connection != null) {
            return Future.succeededFuture(connection);
        }
        if (released) {
            return Future.failedFuture(new DataChannelException("the passive port was released"));
        }
        waiting = Promise.promise();
        timer = control.owner().setTimer(Math.max(1, timeout.toMillis()), id -> {
            if (waiting != null) {
                Promise<DataConnection> promise = waiting;
                waiting = null;
                promise.fail(new DataChannelException("no data connection within " + timeout.toSeconds() + " seconds"));
            }
        });
        return waiting.future();
    }

    @Override
    public void release() {
        if (released) {
            return;
        }
        released = true;
        pool.release(port, this);
        if (waiting != null) {
            control.owner().cancelTimer(timer);
            waiting.fail(new DataChannelException("the data channel was closed"));
            waiting = null;
        }
    }
}
