package io.ftpsbridge.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Passwords that passed bcrypt a moment ago, so a partner whose script opens a session per file pays bcrypt once
 * per {@code ttl} rather than on every login. Only a keyed hash of the password is kept (HMAC-SHA256 under a key
 * made at startup and held nowhere else), one per user, and only after bcrypt accepted it: a wrong password always
 * goes through bcrypt and the failed-login delay. A changed password hash does not match an entry made under the
 * old one. Logins that arrive while bcrypt checks the same password for the same user wait for that check instead
 * of running their own: a partner that opens 200 sessions at once pays one bcrypt, not 200 (at cost 10, each is
 * tens of milliseconds of CPU). A ttl of zero keeps nothing and shares nothing.
 */
final class VerifiedPasswords {

    private record Entry(PasswordHash hash, byte[] mac, long expiresAt) {
    }

    private record Check(PasswordHash hash, byte[] mac, CompletableFuture<Boolean> result) {
    }

    private final long ttlNanos;
    private final LongSupplier clock;
    private final SecretKeySpec key;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** The bcrypt check running for each user, if any. */
    private final Map<String, Check> checking = new ConcurrentHashMap<>();

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

    /**
     * Whether {@code password} is {@code user}'s: true at once when bcrypt accepted it within the ttl, otherwise
     * what {@code bcrypt} answers, or what the check of the same password already running answers.
     */
    CompletionStage<Boolean> verify(String user, PasswordHash hash, String password,
                                    Supplier<CompletionStage<Boolean>> bcrypt) {
        if (ttlNanos == 0) {
            return bcrypt.get();
        }
        byte[] mac = mac(password);
        if (remembered(user, hash, mac)) {
            return CompletableFuture.completedFuture(true);
        }
        Check mine = new Check(hash, mac, new CompletableFuture<>());
        Check running = checking.computeIfAbsent(user, u -> mine);
        if (running != mine) {
            // Another password (or hash) is being checked for this user: this one is not its to answer.
            return running.hash() == hash && MessageDigest.isEqual(running.mac(), mac) ? running.result() : bcrypt.get();
        }
        bcrypt.get().whenComplete((accepted, failure) -> {
            if (failure == null && accepted) {
                entries.put(user, new Entry(hash, mac, clock.getAsLong() + ttlNanos));
            }
            checking.remove(user, mine);
            if (failure != null) {
                mine.result().completeExceptionally(failure);
            } else {
                mine.result().complete(accepted);
            }
        });
        return mine.result();
    }

    /** True when {@code password} passed bcrypt against this very {@code hash} less than the ttl ago. */
    boolean contains(String user, PasswordHash hash, String password) {
        return remembered(user, hash, mac(password));
    }

    private boolean remembered(String user, PasswordHash hash, byte[] mac) {
        Entry entry = entries.get(user);
        if (entry == null || entry.hash() != hash || clock.getAsLong() - entry.expiresAt() >= 0) {
            return false;
        }
        return MessageDigest.isEqual(entry.mac(), mac);
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
