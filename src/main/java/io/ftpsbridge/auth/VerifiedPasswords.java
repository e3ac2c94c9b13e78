package io.ftpsbridge.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Passwords that passed bcrypt a moment ago, so a partner whose script opens a session per file pays bcrypt once
 * per {@code ttl} rather than on every login. Only a keyed hash of the password is kept (HMAC-SHA256 under a key
 * made at startup and held nowhere else), one per user, and only after bcrypt accepted it: a wrong password always
 * goes through bcrypt and the failed-login delay. A changed password hash does not match an entry made under the
 * old one. A ttl of zero keeps nothing.
 */
final class VerifiedPasswords {

    private record Entry(PasswordHash hash, byte[] mac, long expiresAt) {
    }

    private final long ttlNanos;
    private final LongSupplier clock;
    private final SecretKeySpec key;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    VerifiedPasswords(Duration ttl) {
        this(ttl, System::nanoTime);
    }

    VerifiedPasswords(Duration ttl, LongSupplier clock) {
        this.ttlNanos = ttl.toNanos();
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** True when {@code password} passed bcrypt against this very {@code hash} less than the ttl ago. */
    boolean contains(String user, PasswordHash hash, String password) {
        Entry entry = entries.get(user);
        if (entry == null || entry.hash() != hash || clock.getAsLong() - entry.expiresAt() >= 0) {
            return false;
        }
        return MessageDigest.isEqual(entry.mac(), mac(password));
    }

    /** Records a password bcrypt has just accepted for {@code user}. */
    void remember(String user, PasswordHash hash, String password) {
        if (ttlNanos > 0) {
            entries.put(user, new Entry(hash, mac(password), clock.getAsLong() + ttlNanos));
        }
    }

    private byte[] mac(String password) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            return hmac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }
}
