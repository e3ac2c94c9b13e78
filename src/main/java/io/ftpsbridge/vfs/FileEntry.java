package io.ftpsbridge.vfs;

import java.time.Instant;

/** A file or directory as a listing shows it. */
public record FileEntry(String name, boolean directory, long size, Instant modified) {

    public static FileEntry directory(String name, Instant modified) {
        return new FileEntry(name, true, 0, modified);
    }

    public static FileEntry file(String name, long size, Instant modified) {
        return new FileEntry(name, false, size, modified);
    }
}
