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

    /** Ports a lane binds at a time (see listenFrom). */
    private static final int PORTS_AT_ONCE = 8;

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
                })
                .onComplete(started -> pool.listened(started.cause()));
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
            List<Integer> ports = new ArrayList<>();
            for (int port = range.first() + index; port <= range.last(); port += lanes) {
                ports.add(port);
            }
            pool.addLane(Thread.currentThread(), ports.stream().mapToInt(Integer::intValue).toArray());
            Promise<Void> all = Promise.promise();
            bound.add(all.future());
            listenFrom(ports, 0, all);
            all.future().onComplete(done -> started.complete());
        }

        /**
         * Listens on {@code ports} from {@code from} on, a few at a time: the control listeners are already up, and a
         * client's first connection, served on this same event loop, waits behind one batch instead of the lane.
         */
        private void listenFrom(List<Integer> ports, int from, Promise<Void> all) {
            int to = Math.min(ports.size(), from + PORTS_AT_ONCE);
            List<Future<?>> batch = new ArrayList<>(to - from);
            for (int port : ports.subList(from, to)) {
                batch.add(listen(port));
            }
            Future.all(batch).onComplete(done -> {
                if (done.failed()) {
                    all.fail(done.cause());
                } else if (to == ports.size()) {
                    all.complete();
                } else {
                    listenFrom(ports, to, all);
                }
            });
        }

        private Future<?> listen(int port) {
            // TLS is started per connection (PROT P), so the listener itself speaks plain TCP.
            NetServerOptions options = new NetServerOptions()
                    .setHost(BindHost.of(config.ftp().host())).setPort(port).setTcpNoDelay(true);
            return vertx.createNetServer(options)
                    .connectHandler(socket -> pool.waitingOn(port).ifPresentOrElse(
                            channel -> channel.accept(socket, s -> tls.startServerTls(s, TlsMaterial.HANDSHAKE_TIMEOUT)),
                            socket::close))
                    .listen()
                    .recover(e -> Future.failedFuture(new ConfigurationException("bridge.ftp.passive-ports",
                            "includes port " + port + ", which cannot be listened on at "
                            + BindHost.of(config.ftp().host()) + ": " + e.getMessage())));
        }
    }
}
