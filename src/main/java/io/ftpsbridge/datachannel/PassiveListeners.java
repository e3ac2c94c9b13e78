package io.ftpsbridge.datachannel;

import io.ftpsbridge.config.BindHost;
import io.ftpsbridge.config.BridgeConfig;
import io.ftpsbridge.config.ConfigurationException;
import io.ftpsbridge.tls.TlsMaterial;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;

/**
 * Listens on every port of the passive range for the life of the process and hands each connection to the
 * session waiting on that port. Listening once, instead of per PASV, keeps PASV cheap and is what lets a
 * replica later take a connection meant for another one and forward it.
 *
 * <p>The ports are dealt out to one listener verticle per event loop (port i to loop i mod n): a server takes its
 * connections on the event loop it was bound from, and bound from one thread they would all have shared that
 * thread's single loop, every session's TLS and data on one core. The pool learns each port's loop, so a
 * session can get a port on its own control connection's loop.
 */
@ApplicationScoped
public class PassiveListeners {

    private final PassivePortPool pool;
    private final TlsMaterial tls;
    private final BridgeConfig config;
    private String deploymentId;

    public PassiveListeners(PassivePortPool pool, TlsMaterial tls, BridgeConfig config) {
        this.pool = pool;
        this.tls = tls;
        this.config = config;
    }

    public Future<Void> start(Vertx vertx) {
        int lanes = Math.max(1, Math.min(eventLoops(vertx), pool.range().size()));
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> bound = Collections.synchronizedList(new ArrayList<>());
        // Vert.x gives each instance the next event loop in turn, so n instances deployed at once cover all n loops.
        // A lane always starts; a port it cannot bind fails start() after the deployment, which is then undone
        // (a failing verticle start would have Vert.x log a spurious undeploy error beside the configuration error).
        return vertx.deployVerticle(() -> new Lane(next.getAndIncrement(), lanes, bound),
                        new DeploymentOptions().setInstances(lanes))
                .compose(id -> {
                    deploymentId = id;
                    return Future.all(List.copyOf(bound)).<Void>mapEmpty()
                            .recover(failure -> stop(vertx).transform(v -> Future.failedFuture(failure)));
                });
    }

    /** Vert.x's event loops ({@code quarkus.vertx.event-loops-pool-size}). */
    public static int eventLoops(Vertx vertx) {
        return (int) StreamSupport.stream(vertx.nettyEventLoopGroup().spliterator(), false).count();
    }

    public Future<Void> stop(Vertx vertx) {
        String id = deploymentId;
        deploymentId = null;
        return id == null ? Future.succeededFuture() : vertx.undeploy(id);
    }

    /** The listeners of every {@code lanes}-th port from the {@code index}-th, on this instance's event loop. */
    private final class Lane extends AbstractVerticle {

        private final int index;
        private final int lanes;
        private final List<Future<?>> bound;

        Lane(int index, int lanes, List<Future<?>> bound) {
            this.index = index;
            this.lanes = lanes;
            this.bound = bound;
        }

        @Override
        public void start(Promise<Void> started) {
            PortRange range = pool.range();
            List<Future<?>> listening = new ArrayList<>();
            List<Integer> ports = new ArrayList<>();
            for (int port = range.first() + index; port <= range.last(); port += lanes) {
                int listenPort = port;
                ports.add(port);
                // TLS is started per connection (PROT P), so the listener itself speaks plain TCP.
                NetServerOptions options = tls.applyToDataListener(new NetServerOptions()
                        .setHost(BindHost.of(config.ftp().host())).setPort(listenPort).setSsl(false).setTcpNoDelay(true));
                listening.add(vertx.createNetServer(options)
                        .connectHandler(socket -> pool.waitingOn(listenPort)
                                .ifPresentOrElse(channel -> channel.accept(socket), socket::close))
                        .listen()
                        .recover(e -> Future.failedFuture(new ConfigurationException("bridge.ftp.passive-ports",
                                "includes port " + listenPort + ", which cannot be listened on at "
                                + BindHost.of(config.ftp().host()) + ": " + e.getMessage()))));
            }
            pool.addLane(Thread.currentThread(), ports.stream().mapToInt(Integer::intValue).toArray());
            Future<?> all = Future.all(listening);
            bound.add(all);
            all.onComplete(done -> started.complete());
        }
    }
}
