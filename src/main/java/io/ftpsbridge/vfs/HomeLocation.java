package io.ftpsbridge.vfs;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a user's tree lives: a bucket and a key prefix that is empty or ends with {@code /}.
 * Parsed from {@code s3://bucket/prefix/}.
 */
public record HomeLocation(String bucket, String prefix) {

    // S3 bucket naming rules: 3-63 of lowercase letters, digits, dots and hyphens, starting and ending alphanumeric.
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    /** Parses {@code s3://bucket/prefix/}; empty when the text is not of that form. */
    public static Optional<HomeLocation> parse(String uri) {
        if (uri == null || !uri.startsWith("s3://")) {
            return Optional.empty();
        }
        String rest = uri.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (!BUCKET.matcher(bucket).matches() || prefix.startsWith("/") || prefix.contains("//")) {
            return Optional.empty();
        }
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
        return Optional.of(new HomeLocation(bucket, prefix));
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + prefix;
    }
}
