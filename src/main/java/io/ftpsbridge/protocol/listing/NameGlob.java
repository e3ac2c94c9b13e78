package io.ftpsbridge.protocol.listing;

/**
 * A shell-style name pattern as clients send with LIST and NLST ({@code *.csv}, {@code report-?.txt}): {@code *}
 * is any run of characters, {@code ?} one character, everything else literal. Matching is the two-pointer
 * wildcard walk, at most pattern length times name length steps (a regular expression could backtrack for far
 * longer on a hostile pattern); the literal start narrows the storage listing, so a pattern never costs more
 * than listing the directory.
 */
public final class NameGlob {

    private final String glob;
    private final String literalPrefix;

    private NameGlob(String glob, String literalPrefix) {
        this.glob = glob;
        this.literalPrefix = literalPrefix;
    }

    /** True when a name has wildcards and so is a pattern rather than a name. */
    public static boolean isPattern(String name) {
        return name.indexOf('*') >= 0 || name.indexOf('?') >= 0;
    }

    public static NameGlob of(String glob) {
        int star = glob.indexOf('*');
        int question = glob.indexOf('?');
        int first = star < 0 ? question : question < 0 ? star : Math.min(star, question);
        return new NameGlob(glob, first < 0 ? glob : glob.substring(0, first));
    }

    public boolean matches(String name) {
        int g = 0;
        int n = 0;
        int lastStar = -1;
        int resumeAt = 0;
        while (n < name.length()) {
            if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == name.charAt(n))) {
                g++;
                n++;
            } else if (g < glob.length() && glob.charAt(g) == '*') {
                lastStar = g++;
                resumeAt = n;
            } else if (lastStar >= 0) {
                // Let the last star swallow one more character and try again from there.
                g = lastStar + 1;
                n = ++resumeAt;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }

    /** The characters every match starts with. */
    public String literalPrefix() {
        return literalPrefix;
    }
}
