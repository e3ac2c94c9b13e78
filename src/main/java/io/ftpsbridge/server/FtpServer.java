package io.ftpsbridge.server;

import io.ftpsbridge.auth.LoginGuard;
import io.ftpsbridge.auth.UserDirectory;
import io.ftpsbridge.config.BindHost;
import io.ftpsbridge.config.BridgeConfig;
import io.ftpsbridge.datachannel.ActiveConnector;
import io.ftpsbridge.datachannel.PassiveListeners;
import io.ftpsbridge.datachannel.PassivePortPool;
import io.ftpsbridge.protocol.FtpServices;
import io.ftpsbridge.protocol.command.CommandTable;
import io.ftpsbridge.tls.TlsMaterial;
import io.ftpsbridge.vfs.FileSystemProvider;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Starts the FTP listeners once the application is up, after every setting was checked, and stops them on
 * shutdown. Sessions in progress are told 421 before the listeners close.
 */
@ApplicationScoped
public class FtpServer {

    private static final Logger LOG = Logger.getLogger(FtpServer.class);

    private final Vertx vertx;
    private final BridgeConfig config;
    private final TlsMaterial tls;
    private final UserDirectory users;
    private final LoginGuard loginGuard;
    private final FileSystemProvider storage;
    private final PassivePortPool passivePorts;
    private final PassiveListeners passiveListeners;
    private final CommandTable commands;
    private final ConnectionRegistry registry;
    private volatile boolean listening;
    private String deploymentId;
    /** Dials partners in active mode; closed with the listeners. */
    private NetClient activeClient;

    public FtpServer(Vertx vertx, BridgeConfig config, TlsMaterial tls, UserDirectory users, LoginGuard loginGuard,
                     FileSystemProvider storage,
                     PassivePortPool passivePorts, PassiveListeners passiveListeners, CommandTable commands,
                     ConnectionRegistry registry) {
        this.vertx = vertx;
        this.config = config;
        this.tls = tls;
        this.users = users;
        this.loginGuard = loginGuard;
        this.storage = storage;
        this.passivePorts = passivePorts;
        this.passiveListeners = passiveListeners;
        this.commands = commands;
        this.registry = registry;
    }

    void start(@Observes @Priority(2000) StartupEvent event) {
        // Touching each bean builds it now, so a bad setting stops startup instead of the first session.
        tls.fingerprint();
        loginGuard.failedLoginDelay();
        if (users.users().isEmpty()) {
            LOG.warn("No users configured (bridge.users.<name>.*): nobody can log in");
        }
        passivePorts.range();
        activeClient = vertx.createNetClient(new NetClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.ftp().dataConnectTimeout().toMillis()))
                .setTcpNoDelay(true));
        ActiveConnector active = new ActiveConnector(activeClient, tls::startServerTls);
        FtpServices services = new FtpServices(config, users, loginGuard, storage, passivePorts, commands,
                tls.sessionReuse(), active);
        // One control listener per event loop, as the passive lanes: sessions spread over every loop, and each
        // finds data ports on its own. The control listeners are bound first: binding the passive range takes a while
        // (200 ports: 0.12-0.16 s on 2 cores), and a client can be greeted and log in meanwhile; PASV waits for the
        // ports. A passive port that cannot be listened on still stops startup.
        int instances = Math.max(1, PassiveListeners.eventLoops(vertx));
        deploymentId = await(vertx.deployVerticle(() -> new ControlListenerVerticle(config, tls, services, registry),
                new DeploymentOptions().setInstances(instances)).toCompletionStage());
        try {
            await(passiveListeners.start(vertx).toCompletionStage());
        } catch (RuntimeException failure) {
            await(vertx.undeploy(deploymentId).toCompletionStage());
            deploymentId = null;
            throw failure;
        }
        listening = true;
        tls.watchFiles();
        LOG.infof("FTPS listening on %s: explicit port %d, implicit port %d, passive ports %s; users: %s",
                BindHost.of(config.ftp().host()), config.ftp().port(), config.ftp().implicitPort(), config.ftp().passivePorts(),
                users.users().keySet());
    }

    void stop(@Observes ShutdownEvent event) {
        listening = false;
        tls.stopWatching();
        registry.closeAll("Server shutting down");
        if (deploymentId != null) {
            await(vertx.undeploy(deploymentId).toCompletionStage());
        }
        await(passiveListeners.stop(vertx).toCompletionStage());
        if (activeClient != null) {
            await(activeClient.close().toCompletionStage());
        }
    }

    /** True while the control listeners accept connections. */
    public boolean listening() {
        return listening;
    }

    private static <T> T await(java.util.concurrent.CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause);
        } catch (Exception e) {
            throw new IllegalStateException("FTP listeners did not start in time", e);
        }
    }
}
