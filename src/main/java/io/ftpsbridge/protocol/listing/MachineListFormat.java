package io.ftpsbridge.protocol.listing;

import io.ftpsbridge.auth.Permission;
import io.ftpsbridge.auth.User;
import io.ftpsbridge.vfs.FileEntry;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * MLSD and MLST facts (RFC 3659 §7): {@code type=file;size=12;modify=20260101120000;perm=rwdf; name}, limited to
 * the facts the client chose with OPTS MLST. Times are UTC, as §2.3 requires.
 */
public final class MachineListFormat implements ListingFormat {

    public static final DateTimeFormatter MODIFY = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final Set<String> facts;
    private final String filePerm;
    private final String directoryPerm;

    public MachineListFormat(Set<String> facts, User user) {
        // A copy: pages are rendered on the storage client's threads while OPTS MLST may choose other facts.
        this.facts = Set.copyOf(facts);
        this.filePerm = filePerm(user);
        this.directoryPerm = directoryPerm(user);
    }

    /** §7.5.5: r read, w write (replace), d delete, f rename. */
    private static String filePerm(User user) {
        StringBuilder perm = new StringBuilder();
        if (user.may(Permission.READ)) {
            perm.append('r');
        }
        if (user.may(Permission.WRITE)) {
            perm.append('w');
        }
        if (user.may(Permission.DELETE)) {
            perm.append('d');
        }
        if (user.may(Permission.RENAME)) {
            perm.append('f');
        }
        return perm.toString();
    }

    /** §7.5.5: e enter, l list, c create files, m make directories, p purge entries, d delete the directory. */
    private static String directoryPerm(User user) {
        StringBuilder perm = new StringBuilder("e");
        if (user.may(Permission.LIST)) {
            perm.append('l');
        }
        if (user.may(Permission.WRITE)) {
            perm.append('c');
        }
        if (user.may(Permission.MKDIR)) {
            perm.append('m');
        }
        if (user.may(Permission.DELETE)) {
            perm.append("pd");
        }
        return perm.toString();
    }

    @Override
    public String line(FileEntry entry) {
        return appendFacts(new StringBuilder(64 + entry.name().length()), entry).append(' ').append(entry.name()).toString();
    }

    /** The facts part, each ending in {@code ;}. */
    public String facts(FileEntry entry) {
        return appendFacts(new StringBuilder(64), entry).toString();
    }

    private StringBuilder appendFacts(StringBuilder out, FileEntry entry) {
        if (facts.contains("type")) {
            out.append("type=").append(entry.directory() ? "dir" : "file").append(';');
        }
        if (facts.contains("size") && !entry.directory()) {
            out.append("size=").append(entry.size()).append(';');
        }
        if (facts.contains("modify")) {
            out.append("modify=");
            ListingDates.appendModify(out, entry.modified() == null ? Instant.now() : entry.modified());
            out.append(';');
        }
        if (facts.contains("perm")) {
            out.append("perm=").append(entry.directory() ? directoryPerm : filePerm).append(';');
        }
        return out;
    }
}
