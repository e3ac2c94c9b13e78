package io.ftpsbridge.server;

import io.ftpsbridge.protocol.ControlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The open control connections of this replica: counted for health and metrics, closed on shutdown. */
@ApplicationScoped
public class ConnectionRegistry {

    private final Set<ControlConnection> connections = ConcurrentHashMap.newKeySet();

    void add(ControlConnection connection) {
        connections.add(connection);
    }

    void remove(ControlConnection connection) {
        connections.remove(connection);
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
