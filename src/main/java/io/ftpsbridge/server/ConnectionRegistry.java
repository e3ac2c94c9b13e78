package io.ftpsbridge.server;

import io.ftpsbridge.protocol.ControlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The open control connections of this replica: counted per address for the limits, closed on shutdown. */
@ApplicationScoped
public class ConnectionRegistry {

    private final Set<ControlConnection> connections = ConcurrentHashMap.newKeySet();
    private final ConcurrentMap<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    /**
     * Connections admitted and not yet gone. Counted apart from {@code connections}: listeners on several event
     * loops admit at once, and a check of the set's size followed by a later add would let each of them in.
     */
    private final AtomicInteger admitted = new AtomicInteger();

    /**
     * Admits a new connection from {@code address} within the limits, counting it; otherwise says why not, for a
     * 421 reply.
     */
    Optional<String> admit(String address, int maxPerAddress, int maxTotal) {
        if (admitted.incrementAndGet() > maxTotal) {
            admitted.decrementAndGet();
            return Optional.of("Too many connections; try again later");
        }
        AtomicInteger count = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
        if (count.incrementAndGet() > maxPerAddress) {
            release(address);
            return Optional.of("Too many connections from your address; try again later");
        }
        return Optional.empty();
    }

    void add(ControlConnection connection) {
        connections.add(connection);
    }

    void remove(ControlConnection connection) {
        if (connections.remove(connection)) {
            release(connection.remoteAddress());
        }
    }

    private void release(String address) {
        admitted.decrementAndGet();
        perAddress.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    public int size() {
        return connections.size();
    }

    /** Says goodbye to every session (421) and closes it, on its own context. */
    void closeAll(String reason) {
        for (ControlConnection connection : connections) {
            connection.context().runOnContext(v -> connection.replyAndClose(421, reason));
        }
    }
}
