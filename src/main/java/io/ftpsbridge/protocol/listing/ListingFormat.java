package io.ftpsbridge.protocol.listing;

import io.ftpsbridge.vfs.FileEntry;

/** Turns one entry into one listing line, without the line end. */
@FunctionalInterface
public interface ListingFormat {

    String line(FileEntry entry);
}
