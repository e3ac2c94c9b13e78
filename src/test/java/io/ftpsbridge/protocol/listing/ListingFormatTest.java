package io.ftpsbridge.protocol.listing;

import io.ftpsbridge.auth.Permission;
import io.ftpsbridge.auth.User;
import io.ftpsbridge.vfs.FileEntry;
import io.ftpsbridge.vfs.HomeLocation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ListingFormatTest {

    private static final User ALICE = new User("alice", new HomeLocation("b", ""), EnumSet.allOf(Permission.class));
    private static final User READER = new User("bob", new HomeLocation("b", ""), EnumSet.of(Permission.LIST, Permission.READ));
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void lsLinesShowTimeForRecentAndYearForOldEntries() {
        LsLongFormat ls = new LsLongFormat(ALICE, NOW);
        assertEquals("-rw-r--r-- 1 alice alice          1234 Nov 20 08:05 report.csv",
                ls.line(FileEntry.file("report.csv", 1234, Instant.parse("2026-11-20T08:05:00Z"))));
        assertEquals("-rw-r--r-- 1 alice alice             0 Jan 02  2025 old.txt",
                ls.line(FileEntry.file("old.txt", 0, Instant.parse("2025-01-02T00:00:00Z"))));
        assertEquals("drwxr-xr-x 1 alice alice             0 Nov 26 10:00 dir",
                ls.line(FileEntry.directory("dir", NOW)));
        assertEquals("-r--r--r-- 1 bob bob             1 Nov 26 10:00 x",
                new LsLongFormat(READER, NOW).line(FileEntry.file("x", 1, NOW)));
    }

    /** The dates are written digit by digit; they must read as {@code ls} (and the JDK's formatter) writes them. */
    @Test
    void lsAndMlsdDatesMatchTheirPatternsInEveryYear() {
        DateTimeFormatter recent = DateTimeFormatter.ofPattern("MMM dd HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);
        DateTimeFormatter old = DateTimeFormatter.ofPattern("MMM dd  yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);
        LsLongFormat ls = new LsLongFormat(ALICE, NOW);
        Random random = new Random(5);
        List<Instant> times = new ArrayList<>(List.of(Instant.parse("0001-01-01T00:00:00Z"),
                Instant.parse("0999-12-31T23:59:59Z"), Instant.parse("1970-01-01T00:00:00Z"),
                Instant.parse("2024-02-29T23:59:59Z"), NOW, NOW.minus(Duration.ofDays(182)), NOW.plus(Duration.ofDays(183)),
                Instant.parse("9999-12-31T23:59:59Z"), Instant.parse("0000-06-01T12:00:00Z"),
                Instant.parse("-0001-01-01T00:00:00Z"), Instant.parse("+10000-01-01T00:00:00Z")));
        for (int i = 0; i < 2000; i++) {
            times.add(Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L)));
            times.add(NOW.plusSeconds(random.nextLong(-20_000_000L, 20_000_000L)));
        }
        MachineListFormat mlsd = new MachineListFormat(Set.of("modify"), ALICE);
        for (Instant time : times) {
            assertEquals("modify=" + MachineListFormat.MODIFY.format(time) + ";", mlsd.facts(FileEntry.file("f", 1, time)));
            boolean recentEnough = Duration.between(time, NOW).abs().compareTo(Duration.ofDays(182)) <= 0;
            String line = ls.line(FileEntry.file("f", 1, time));
            // After "-rw-r--r-- 1 alice alice ", the size in 13 columns and a space; before " f".
            assertEquals((recentEnough ? recent : old).format(time), line.substring(39, line.length() - 2), time.toString());
        }
    }

    @Test
    void mlsxFactsFollowRfc3659() {
        MachineListFormat all = new MachineListFormat(new LinkedHashSet<>(List.of("type", "size", "modify", "perm")), ALICE);
        assertEquals("type=file;size=5;modify=20261126100000;perm=rwdf; a.txt", all.line(FileEntry.file("a.txt", 5, NOW)));
        assertEquals("type=dir;modify=20261126100000;perm=elcmpd; d", all.line(FileEntry.directory("d", NOW)));
        MachineListFormat chosen = new MachineListFormat(new LinkedHashSet<>(List.of("size")), READER);
        assertEquals("size=5; a.txt", chosen.line(FileEntry.file("a.txt", 5, NOW)));
        assertEquals("perm=r;", new MachineListFormat(new LinkedHashSet<>(List.of("perm")), READER).facts(FileEntry.file("a", 1, NOW)));
    }
}
