package io.ftpsbridge.datachannel;

import io.ftpsbridge.config.BindHost;
import io.ftpsbridge.config.BridgeConfig;
import io.ftpsbridge.config.ConfigurationException;
import io.ftpsbridge.tls.TlsMaterial;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * Listens on every port of the passive range for the life of the process and hands each connection to the
 * session waiting on that port. Listening once, instead of per PASV, keeps PASV cheap and is what lets a
 * replica later take a connection meant for another one and forward it.
 */
@ApplicationScoped
public class PassiveListeners {

    private final PassivePortPool pool;
    private final TlsMaterial tls;
    private final BridgeConfig config;
    private final List<NetServer> servers = new ArrayList<>();

    public PassiveListeners(PassivePortPool pool, TlsMaterial tls, BridgeConfig config) {
        this.pool = pool;
        this.tls = tls;
        this.config = config;
    }

    public Future<Void> start(Vertx vertx) {
        List<Future<NetServer>> bound = new ArrayList<>();
        PortRange range = pool.range();
        for (int port = range.first(); port <= range.last(); port++) {
            int listenPort = port;
            // TLS is started per connection (PROT P), so the listener itself speaks plain TCP.
            NetServerOptions options = tls.applyToDataListener(new NetServerOptions()
                    .setHost(BindHost.of(config.ftp().host())).setPort(listenPort).setSsl(false).setTcpNoDelay(true));
            NetServer server = vertx.createNetServer(options)
                    .connectHandler(socket -> pool.waitingOn(listenPort)
                            .ifPresentOrElse(channel -> channel.accept(socket), socket::close));
            servers.add(server);
            bound.add(server.listen().recover(e -> Future.failedFuture(new ConfigurationException(
                    "bridge.ftp.passive-ports", "includes port " + listenPort + ", which cannot be listened on at "
                    + BindHost.of(config.ftp().host()) + ": " + e.getMessage()))));
        }
        return Future.all(bound).mapEmpty();
    }

    public Future<Void> stop() {
        List<Future<Void>> closed = new ArrayList<>();
        servers.forEach(s -> closed.add(s.close()));
        servers.clear();
        return Future.all(closed).mapEmpty();
    }
}
