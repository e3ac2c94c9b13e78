package io.ftpsbridge.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.BCryptFormatter;
import at.favre.lib.crypto.bcrypt.Radix64Encoder;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/** A bcrypt password hash, as {@code htpasswd -nbB} writes it. Never printed. */
public final class PasswordHash {

    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}");

    private final byte[] hash;

    private PasswordHash(String hash) {
        this.hash = hash.getBytes(StandardCharsets.US_ASCII);
    }

    /** True when the text has the form of a bcrypt hash with a cost bcrypt accepts (4 to 31). */
    public static boolean isBcrypt(String text) {
        if (text == null || !BCRYPT.matcher(text).matches()) {
            return false;
        }
        int cost = Integer.parseInt(text.substring(4, 6));
        return cost >= 4 && cost <= 31;
    }

    public static PasswordHash of(String text) {
        if (!isBcrypt(text)) {
            throw new IllegalArgumentException("not a bcrypt hash");
        }
        return new PasswordHash(text);
    }

    /**
     * A well-formed hash whose salt and digest are random bytes: checking a password against it costs a full bcrypt
     * run at {@code cost}, and no password matches it in practice (a 184-bit digest). Nothing is hashed to make it,
     * so it costs nothing at startup.
     */
    static PasswordHash random(int cost) {
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[16];
        byte[] digest = new byte[23];
        random.nextBytes(salt);
        random.nextBytes(digest);
        byte[] text = new BCryptFormatter.Default(new Radix64Encoder.Default(), StandardCharsets.US_ASCII)
                .createHashMessage(new BCrypt.HashData(cost, BCrypt.Version.VERSION_2Y, salt, digest));
        return of(new String(text, StandardCharsets.US_ASCII));
    }

    int cost() {
        return Integer.parseInt(new String(hash, 4, 2, StandardCharsets.US_ASCII));
    }

    /** Checks a password; costly by design, so callers run it off the event loop. */
    public boolean matches(String password) {
        byte[] candidate = password.getBytes(StandardCharsets.UTF_8);
        // bcrypt reads at most 72 bytes; the library refuses longer input, so cut it the way htpasswd does.
        if (candidate.length > 72) {
            candidate = java.util.Arrays.copyOf(candidate, 72);
        }
        return BCrypt.verifyer().verify(candidate, hash).verified;
    }

    @Override
    public String toString() {
        return "PasswordHash[redacted]";
    }
}
