package io.ftpsbridge.datachannel;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;

import javax.net.ssl.SSLSession;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Active mode (PORT, EPRT): the bridge connects to the client's address and port when a transfer starts. With PROT
 * P the client is still the TLS client (RFC 4217 §7), so the bridge runs the server side of TLS on a socket it
 * opened; {@code serverTls} does that and completes with the data connection's TLS session.
 */
public final class ActiveDataChannel implements DataChannel {

    private final NetClient client;
    private final Context control;
    private final String host;
    private final int port;
    private final BiFunction<NetSocket, Duration, Future<SSLSession>> serverTls;
    private final Function<SSLSession, Optional<String>> sessionCheck;
    private NetSocket socket;
    private boolean released;

    /** {@code serverTls} null: the connection stays plain (PROT C). */
    public ActiveDataChannel(NetClient client, Context control, String host, int port,
                             BiFunction<NetSocket, Duration, Future<SSLSession>> serverTls,
                             Function<SSLSession, Optional<String>> sessionCheck) {
        this.client = client;
        this.control = control;
        this.host = host;
        this.port = port;
        this.serverTls = serverTls;
        this.sessionCheck = sessionCheck;
    }

    @Override
    public Future<DataConnection> connection(Duration timeout) {
        if (released) {
            return Future.failedFuture(new DataChannelException("the data channel was closed"));
        }
        return client.connect(port, host)
                .recover(e -> Future.failedFuture(new DataChannelException(
                        "cannot connect to " + host + " port " + port + ": " + e.getMessage(), e)))
                .map(opened -> {
                    InboundBytes inbound = InboundBytes.hold(opened, control);
                    if (released) {
                        opened.close();
                        throw new DataChannelException("the data channel was closed");
                    }
                    socket = opened;
                    DataConnectionEvents events = DataConnectionEvents.watch(opened);
                    boolean tls = serverTls != null;
                    // Nothing is read from or written to a refused connection: transfers start only once ready succeeds.
                    Future<Void> ready = !tls ? Future.succeededFuture() : serverTls.apply(opened, timeout)
                            .compose(session -> {
                                HandshakeAck.sendNow(opened);
                                return DataProtectionException.enforce(sessionCheck, session);
                            });
                    ready.onFailure(e -> opened.close());
                    return new DataConnection(opened, control, ready, events, inbound, tls);
                });
    }

    @Override
    public void release() {
        released = true;
        if (socket != null) {
            socket.close();
        }
    }
}
