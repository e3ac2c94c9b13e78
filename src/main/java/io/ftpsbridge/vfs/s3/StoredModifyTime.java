package io.ftpsbridge.vfs.s3;

import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A file's modification time as a client set it, kept in the user metadata {@code x-amz-meta-mtime} as seconds
 * since the epoch with an optional decimal fraction: the form rclone and s3fs write, so a time either of them set
 * shows here and ours shows there. An object without it, or with a value that is not such a number, shows S3's
 * LastModified, the time it was written.
 */
final class StoredModifyTime {

    /** The user metadata name, without the {@code x-amz-meta-} that S3 puts before it. */
    static final String METADATA = "mtime";

    private static final Pattern SECONDS = Pattern.compile("-?\\d{1,12}(\\.\\d{1,9})?");

    private StoredModifyTime() {
    }

    /** The time to show for an object: the stored one, else LastModified. */
    static Instant of(HeadObjectResponse head) {
        return parse(head.metadata().get(METADATA)).orElse(head.lastModified());
    }

    static Optional<Instant> parse(String value) {
        if (value == null || !SECONDS.matcher(value).matches()) {
            return Optional.empty();
        }
        BigDecimal seconds = new BigDecimal(value);
        long whole = seconds.longValue();
        long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Optional.of(Instant.ofEpochSecond(whole, nanos));
    }

    /** Whole seconds as an integer, a fraction only where there is one ({@code 1700000000}, {@code 1700000000.25}). */
    static String format(Instant time) {
        return BigDecimal.valueOf(time.getEpochSecond()).add(BigDecimal.valueOf(time.getNano(), 9))
                .stripTrailingZeros().toPlainString();
    }
}
