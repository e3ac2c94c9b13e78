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

/** What active-mode channels share: the client that dials partners and the server-side TLS for what it dials. */
public record ActiveConnector(NetClient client, BiFunction<NetSocket, Duration, Future<SSLSession>> serverTls) {

    /** A channel to {@code host}:{@code port}, connected when a transfer starts; with TLS when {@code tls}. */
    public ActiveDataChannel channel(Context control, String host, int port, boolean tls,
                                     Function<SSLSession, Optional<String>> sessionCheck) {
        return new ActiveDataChannel(client, control, host, port, tls ? serverTls : null, sessionCheck);
    }
}
