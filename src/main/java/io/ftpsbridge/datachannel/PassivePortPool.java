package io.ftpsbridge.datachannel;

import io.ftpsbridge.config.BridgeConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Hands out passive ports at random from {@code bridge.ftp.passive-ports}, one session per port until its transfer
 * ends. Random picks make the next port hard to guess for anyone racing a client to its data connection.
 * Keyed by port, so a connection arriving on a port finds the session that waits for it (and, with several
 * replicas, one day the replica that owns it).
 */
@ApplicationScoped
public class PassivePortPool {

    private final PortRange range;
    private final ConcurrentMap<Integer, PassiveDataChannel> reserved = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public PassivePortPool(BridgeConfig config) {
        this.range = PortRange.parse("bridge.ftp.passive-ports", config.ftp().passivePorts());
    }

    public PortRange range() {
        return range;
    }

    /** Reserves a free port for {@code channel}; empty when every port is taken. */
    Optional<Integer> reserve(PassiveDataChannel channel) {
        int size = range.size();
        int start = random.nextInt(size);
        for (int i = 0; i < size; i++) {
            int port = range.first() + (start + i) % size;
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
}
