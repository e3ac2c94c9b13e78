package io.ftpsbridge.vfs.s3;

import io.ftpsbridge.vfs.HomeLocation;
import io.ftpsbridge.vfs.VfsException;
import io.ftpsbridge.vfs.VirtualPath;

import java.nio.charset.StandardCharsets;

/**
 * Maps paths of a home to S3 keys: files are objects, directories are prefixes ending in {@code /}. The staging
 * prefix (bridge.s3.staging-prefix) belongs to the bridge: a home that contains it (a whole bucket, say) never shows
 * it, and no path leads into it.
 */
final class S3KeyMapper {

    /** S3's limit on a key, in UTF-8 bytes. */
    static final int MAX_KEY_BYTES = 1024;

    private final HomeLocation home;
    private final String stagingPrefix;

    S3KeyMapper(HomeLocation home, String stagingPrefix) {
        this.home = home;
        this.stagingPrefix = stagingPrefix;
    }

    String bucket() {
        return home.bucket();
    }

    /** The object key of a file. */
    String fileKey(VirtualPath path) {
        if (path.isRoot()) {
            throw new VfsException(VfsException.Reason.NOT_A_FILE, "the home directory is not a file");
        }
        return checked(path, home.prefix() + String.join("/", path.segments()));
    }

    /** The prefix under which a directory's entries live, also the key of its marker object. */
    String directoryPrefix(VirtualPath path) {
        return path.isRoot() ? home.prefix() : checked(path, home.prefix() + String.join("/", path.segments()) + "/");
    }

    /** Whether a key or listed prefix lies in the staging area, which listings leave out. */
    boolean isStaging(String keyOrPrefix) {
        return keyOrPrefix.startsWith(stagingPrefix);
    }

    /** Whether a directory's prefix holds the staging area below it (a rename would move it). */
    boolean holdsStaging(String directoryPrefix) {
        return stagingPrefix.startsWith(directoryPrefix);
    }

    /** The name of an entry listed under {@code directoryPrefix}, without a trailing slash. */
    static String entryName(String directoryPrefix, String keyOrPrefix) {
        String name = keyOrPrefix.substring(directoryPrefix.length());
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }

    private String checked(VirtualPath path, String key) {
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            throw new VfsException(VfsException.Reason.INVALID_NAME, "path is too long: its S3 key would be " + bytes
                    + " bytes, and S3 allows at most " + MAX_KEY_BYTES + " bytes");
        }
        // The staging prefix's own name counts too: "staging" for a prefix "staging/" would name the directory.
        if (isStaging(key.endsWith("/") ? key : key + "/")) {
            throw new VfsException(VfsException.Reason.ACCESS_DENIED, path + ": reserved for the server's own use");
        }
        return key;
    }
}
