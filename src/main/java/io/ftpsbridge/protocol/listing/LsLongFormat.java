package io.ftpsbridge.protocol.listing;

import io.ftpsbridge.auth.Permission;
import io.ftpsbridge.auth.User;
import io.ftpsbridge.vfs.FileEntry;

import java.time.Duration;
import java.time.Instant;

/**
 * LIST lines in the {@code ls -l} form that FileZilla, WinSCP and lftp parse:
 * {@code -rw-r--r-- 1 owner group size Mon dd HH:mm name}, with the year instead of the time for dates more than
 * six months away, as ls does. Times are UTC.
 */
public final class LsLongFormat implements ListingFormat {

    private static final Duration SIX_MONTHS = Duration.ofDays(182);
    /** Sizes are right-aligned in 13 columns, as far as a few TiB. */
    private static final int SIZE_WIDTH = 13;

    private final String owner;
    private final String fileMode;
    private final String directoryMode;
    private final Instant now;

    public LsLongFormat(User user, Instant now) {
        this.owner = user.name().replaceAll("\\s", "_");
        boolean writable = user.may(Permission.WRITE);
        this.fileMode = writable ? "-rw-r--r--" : "-r--r--r--";
        this.directoryMode = writable ? "drwxr-xr-x" : "dr-xr-xr-x";
        this.now = now;
    }

    @Override
    public String line(FileEntry entry) {
        Instant modified = entry.modified() == null ? now : entry.modified();
        boolean old = Duration.between(modified, now).abs().compareTo(SIX_MONTHS) > 0;
        // Built by hand: String.format was the largest cost of a long listing after S3's own XML.
        String size = Long.toString(entry.size());
        StringBuilder line = new StringBuilder(48 + 2 * owner.length() + entry.name().length())
                .append(entry.directory() ? directoryMode : fileMode).append(" 1 ")
                .append(owner).append(' ').append(owner).append(' ');
        for (int pad = size.length(); pad < SIZE_WIDTH; pad++) {
            line.append(' ');
        }
        line.append(size).append(' ');
        ListingDates.appendLs(line, modified, old);
        return line.append(' ').append(entry.name()).toString();
    }
}
