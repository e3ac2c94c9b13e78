package io.ftpsbridge.datachannel;

import io.vertx.core.Future;

import javax.net.ssl.SSLSession;
import java.util.Optional;
import java.util.function.Function;

/** The data connection's TLS was refused by policy (RFC 4217 §10: the protocol answers 522). */
public class DataProtectionException extends DataChannelException {

    public DataProtectionException(String message) {
        super(message);
    }

    /** Succeeds when {@code check} has nothing against the handshaken {@code session}, fails with its reason otherwise. */
    static Future<Void> enforce(Function<SSLSession, Optional<String>> check, SSLSession session) {
        return check.apply(session)
                .<Future<Void>>map(reason -> Future.failedFuture(new DataProtectionException(reason)))
                .orElseGet(Future::succeededFuture);
    }
}
