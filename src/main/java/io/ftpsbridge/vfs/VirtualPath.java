package io.ftpsbridge.vfs;

import java.util.ArrayList;
import java.util.List;

/**
 * An absolute path inside a user's home, always normalised: no {@code .}, no {@code ..}, no empty segment.
 * The home is the root; {@code ..} at the root stays at the root, so no path can leave the home.
 */
public final class VirtualPath {

    public static final VirtualPath ROOT = new VirtualPath(List.of());

    private final List<String> segments;

    private VirtualPath(List<String> segments) {
        this.segments = segments;
    }

    /**
     * Resolves what a client sent against the working directory. Backslashes count as separators, as Windows
     * clients send them.
     *
     * @throws VfsException INVALID_NAME for NUL or other control characters, which no key should carry
     */
    public static VirtualPath resolve(VirtualPath cwd, String argument) {
        String text = argument == null ? "" : argument.replace('\\', '/');
        List<String> result = new ArrayList<>(text.startsWith("/") ? List.of() : cwd.segments);
        for (String segment : text.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!result.isEmpty()) {
                    result.remove(result.size() - 1);
                }
                continue;
            }
            for (int i = 0; i < segment.length(); i++) {
                char c = segment.charAt(i);
                if (c < 0x20 || c == 0x7f) {
                    throw new VfsException(VfsException.Reason.INVALID_NAME, "names may not contain control characters");
                }
            }
            result.add(segment);
        }
        return new VirtualPath(List.copyOf(result));
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    /** The last segment; empty for the root. */
    public String name() {
        return segments.isEmpty() ? "" : segments.get(segments.size() - 1);
    }

    public VirtualPath parent() {
        return segments.isEmpty() ? this : new VirtualPath(segments.subList(0, segments.size() - 1));
    }

    public VirtualPath child(String name) {
        List<String> child = new ArrayList<>(segments);
        child.add(name);
        return new VirtualPath(List.copyOf(child));
    }

    public List<String> segments() {
        return segments;
    }

    /** True when {@code other} is this path or lies below it. */
    public boolean contains(VirtualPath other) {
        return other.segments.size() >= segments.size() && other.segments.subList(0, segments.size()).equals(segments);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VirtualPath p && p.segments.equals(segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    /** The path as a client sees it: {@code /} or {@code /a/b}. */
    @Override
    public String toString() {
        return "/" + String.join("/", segments);
    }
}
