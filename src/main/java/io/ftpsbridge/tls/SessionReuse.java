package io.ftpsbridge.tls;

import io.ftpsbridge.config.ConfigurationException;

import javax.net.ssl.SSLSession;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code bridge.tls.session-reuse}: whether a protected data connection must resume its own control connection's
 * TLS session, as vsftpd's {@code require_ssl_reuse} asks. Without it, anyone who can reach a passive port and
 * complete a handshake, another logged-in user included, could take the transfer meant for a victim.
 */
public enum SessionReuse {
    REQUIRED, PREFERRED, OFF;

    static SessionReuse parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("bridge.tls.session-reuse", "is '" + value + "': use required, preferred or off");
        }
    }

    /** True when the data connection's session descends from the control connection's by resumption. */
    public static boolean resumes(SSLSession control, SSLSession data) {
        Optional<Object> owner = SessionOwner.of(control);
        return owner.isPresent() && owner.equals(SessionOwner.of(data));
    }

    /**
     * Why a data connection is refused under this policy, or empty when it may carry the transfer; {@code resumed}
     * is what {@link #resumes} says of it.
     */
    public Optional<String> refusal(boolean resumed) {
        if (this != REQUIRED || resumed) {
            return Optional.empty();
        }
        return Optional.of("TLS session reuse required: the data connection must resume the TLS session of its control connection");
    }
}
