package io.ftpsbridge.tls;

import javax.net.ssl.SSLSession;
import java.util.Optional;

/**
 * The lineage of a TLS session: a mark put into every session a full handshake creates. A resumption hands back
 * the cached session (or a ticket copy that shares its values), so a data connection that resumed its control
 * connection's session carries the same mark, and one that made a full handshake, or resumed any other session,
 * carries a different one. This holds for TLS 1.2 and 1.3 alike, unlike {@link SSLSession#getId()}.
 */
public final class SessionOwner {

    private static final String KEY = "io.ftpsbridge.session-owner";

    private SessionOwner() {
    }

    /** Marks a session made by a full handshake; a session that already has a mark keeps it. */
    static void markIfNew(SSLSession session) {
        if (session.getValue(KEY) == null) {
            session.putValue(KEY, new SessionOwner());
        }
    }

    /** The mark of a session, empty when it has none (a session restored from a stateless ticket). */
    public static Optional<Object> of(SSLSession session) {
        return session == null ? Optional.empty() : Optional.ofNullable(session.getValue(KEY));
    }
}
