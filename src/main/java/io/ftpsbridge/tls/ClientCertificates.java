package io.ftpsbridge.tls;

import io.ftpsbridge.config.ConfigurationException;

import javax.net.ssl.SSLEngine;
import java.util.Locale;

/** {@code bridge.tls.client-auth}: whether a client is asked for a certificate, and whether it must send one. */
public enum ClientCertificates {
    NONE, WANT, NEED;

    static ClientCertificates parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("bridge.tls.client-auth", "is '" + value + "': use none, want or need");
        }
    }

    void applyTo(SSLEngine engine) {
        switch (this) {
            case NEED -> engine.setNeedClientAuth(true);
            case WANT -> engine.setWantClientAuth(true);
            case NONE -> {
                // no CertificateRequest is sent
            }
        }
    }
}
