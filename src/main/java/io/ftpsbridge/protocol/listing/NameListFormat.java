package io.ftpsbridge.protocol.listing;

import io.ftpsbridge.vfs.FileEntry;

/** NLST: names only, one a line (RFC 959 §4.1.3). */
public final class NameListFormat implements ListingFormat {

    @Override
    public String line(FileEntry entry) {
        return entry.name();
    }
}
