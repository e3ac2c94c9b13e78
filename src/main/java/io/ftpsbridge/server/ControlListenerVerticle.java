package io.ftpsbridge.server;

import io.ftpsbridge.config.BindHost;
import io.ftpsbridge.config.BridgeConfig;
import io.ftpsbridge.config.ConfigurationException;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.FtpServices;
import io.ftpsbridge.tls.TlsMaterial;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The control listeners on one event loop: explicit FTPS (TLS after AUTH TLS) and implicit FTPS (TLS from the
 * first byte). Several instances share the ports, so connections spread over the event loops.
 */
final class ControlListenerVerticle extends AbstractVerticle {

    private final BridgeConfig config;
    private final TlsMaterial tls;
    private final FtpServices services;
    private final ConnectionRegistry registry;

    ControlListenerVerticle(BridgeConfig config, TlsMaterial tls, FtpServices services, ConnectionRegistry registry) {
        this.config = config;
        this.tls = tls;
        this.services = services;
        this.registry = registry;
    }

    @Override
    public void start(Promise<Void> started) {
        List<Future<NetServer>> listening = new ArrayList<>();
        if (config.ftp().port() > 0) {
            listening.add(listen(config.ftp().port(), false, "bridge.ftp.port"));
        }
        if (config.ftp().implicitPort() > 0) {
            listening.add(listen(config.ftp().implicitPort(), true, "bridge.ftp.implicit-port"));
        }
        Future.all(listening).<Void>mapEmpty().onComplete(started);
    }

    /** RFC 959 §5.4: 421 may answer any command, the greeting included, when the service must close. */
    private static void refuse(NetSocket socket, String reason) {
        socket.write("421 " + reason + "\r\n").onComplete(v -> socket.close());
    }

    private Future<NetServer> listen(int port, boolean implicitTls, String key) {
        NetServerOptions options = tls.applyTo(new NetServerOptions()
                .setHost(BindHost.of(config.ftp().host())).setPort(port).setSsl(implicitTls)
                .setTcpNoDelay(true).setTcpKeepAlive(true));
        return vertx.createNetServer(options)
                .connectHandler(socket -> {
                    String address = socket.remoteAddress().hostAddress();
                    if (services.loginGuard().isBanned(address)) {
                        refuse(socket, "Too many failed logins from your address; try again later");
                        return;
                    }
                    BridgeConfig.Security limits = config.security();
                    Optional<String> refusal = registry.admit(address, limits.maxConnectionsPerIp(), limits.maxConnections());
                    if (refusal.isPresent()) {
                        refuse(socket, refusal.get());
                        return;
                    }
                    ControlConnection connection = new ControlConnection(socket, context, services, implicitTls,
                            registry::remove);
                    registry.add(connection);
                    connection.start();
                })
                .listen()
                .recover(e -> Future.failedFuture(new ConfigurationException(key,
                        "= " + port + " cannot be listened on at " + BindHost.of(config.ftp().host()) + ": " + e.getMessage())));
    }
}
