package io.ftpsbridge.datachannel;

import io.ftpsbridge.config.BridgeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.IntUnaryOperator;

/**
 * Hands out passive ports at random from {@code bridge.ftp.passive-ports}, one session per port until its transfer
 * ends. Random picks make the next port hard to guess for anyone racing a client to its data connection.
 * Keyed by port, so a connection arriving on a port finds the session that waits for it (and, with several
 * replicas, one day the replica that owns it).
 *
 * <p>Each port is accepted on one event loop, its lane. A session gets a port of its own control connection's
 * event loop while one is free: its data connection then runs on the thread that runs its commands, and the
 * hand-overs between the two (connected, 150, each chunk's bookkeeping, 226) stay on that thread instead of
 * waking another one.
 */
@ApplicationScoped
public class PassivePortPool {

    private final PortRange range;
    private final ConcurrentMap<Integer, PassiveDataChannel> reserved = new ConcurrentHashMap<>();
    /** The ports each event loop accepts, by its thread; filled as the listeners bind. */
    private final Map<Thread, int[]> lanes = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    /** Done once every port of the range is listened on; failed when one cannot be. */
    private final CompletableFuture<Void> listening = new CompletableFuture<>();

    @Inject
    public PassivePortPool(BridgeConfig config) {
        this(PortRange.parse("bridge.ftp.passive-ports", config.ftp().passivePorts()));
    }

    PassivePortPool(PortRange range) {
        this.range = range;
    }

    public PortRange range() {
        return range;
    }

    /** Records that {@code ports} are accepted on the event loop running {@code loop}. */
    void addLane(Thread loop, int[] ports) {
        lanes.merge(loop, ports.clone(), (held, more) -> {
            int[] all = Arrays.copyOf(held, held.length + more.length);
            System.arraycopy(more, 0, all, held.length, more.length);
            return all;
        });
    }

    /**
     * Completes once every port of the range is listened on, or fails when one cannot be. The control listeners
     * start before the passive ones, so a session may ask for a port before then: PASV waits for this first.
     */
    public CompletionStage<Void> listening() {
        return listening;
    }

    /** Every port is listened on ({@code failure} null), or the listeners could not start. */
    void listened(Throwable failure) {
        if (failure == null) {
            listening.complete(null);
        } else {
            listening.completeExceptionally(failure);
        }
    }

    /**
     * Reserves a free port for {@code channel}: one of the calling event loop's lane if any is free, else any;
     * empty when every port is taken.
     */
    Optional<Integer> reserve(PassiveDataChannel channel) {
        int[] lane = lanes.get(Thread.currentThread());
        Optional<Integer> own = lane == null ? Optional.empty() : claim(lane.length, i -> lane[i], channel);
        return own.or(() -> claim(range.size(), i -> range.first() + i, channel));
    }

    /** The first free one of {@code count} ports ({@code portAt} 0 to count - 1), probed from a random one on. */
    private Optional<Integer> claim(int count, IntUnaryOperator portAt, PassiveDataChannel channel) {
        int start = random.nextInt(count);
        for (int i = 0; i < count; i++) {
            int port = portAt.applyAsInt((start + i) % count);
            if (reserved.putIfAbsent(port, channel) == null) {
                return Optional.of(port);
            }
        }
        return Optional.empty();
    }

    /** The channel waiting on a port, if any. */
    Optional<PassiveDataChannel> waitingOn(int port) {
        return Optional.ofNullable(reserved.get(port));
    }

    void release(int port, PassiveDataChannel channel) {
        reserved.remove(port, channel);
    }

    /** Ports in use now. */
    public int inUse() {
        return reserved.size();
    }

    /** Event loops with ports of their own. */
    public int lanes() {
        return lanes.size();
    }
}
