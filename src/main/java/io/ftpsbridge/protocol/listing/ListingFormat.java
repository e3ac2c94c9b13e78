package io.ftpsbridge.protocol.listing;

import io.ftpsbridge.vfs.FileEntry;

/** Turns one entry into one listing line, without the line end; called on any thread, so it holds no mutable state. */
@FunctionalInterface
public interface ListingFormat {

    String line(FileEntry entry);
}
