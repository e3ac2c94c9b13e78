package io.ftpsbridge.protocol.listing;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The dates of listing lines, in UTC, written digit by digit: a listing of 100,000 keys formats 100,000 dates, and
 * {@link DateTimeFormatter} took 13 ms for them, as long as the whole rest of the lines. Years outside 1-9999 (whose
 * year of era differs or has more digits) go through the formatter.
 */
final class ListingDates {

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    private static final DateTimeFormatter LS_OLD = DateTimeFormatter.ofPattern("MMM dd  yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private ListingDates() {
    }

    /** {@code ls -l}: {@code MMM dd HH:mm}, or {@code MMM dd  yyyy} when {@code old}. */
    static void appendLs(StringBuilder out, Instant time, boolean old) {
        LocalDateTime t = utc(time);
        if (old && !fourDigitYear(t)) {
            out.append(LS_OLD.format(time));
            return;
        }
        out.append(MONTHS[t.getMonthValue() - 1]).append(' ');
        two(out, t.getDayOfMonth());
        if (old) {
            out.append("  ");
            four(out, t.getYear());
        } else {
            out.append(' ');
            two(out, t.getHour());
            out.append(':');
            two(out, t.getMinute());
        }
    }

    /** RFC 3659 §2.3 time-val without fraction: {@code YYYYMMDDHHMMSS}. */
    static void appendModify(StringBuilder out, Instant time) {
        LocalDateTime t = utc(time);
        if (!fourDigitYear(t)) {
            out.append(MachineListFormat.MODIFY.format(time));
            return;
        }
        four(out, t.getYear());
        two(out, t.getMonthValue());
        two(out, t.getDayOfMonth());
        two(out, t.getHour());
        two(out, t.getMinute());
        two(out, t.getSecond());
    }

    private static LocalDateTime utc(Instant time) {
        return LocalDateTime.ofEpochSecond(time.getEpochSecond(), 0, ZoneOffset.UTC);
    }

    private static boolean fourDigitYear(LocalDateTime t) {
        return t.getYear() >= 1 && t.getYear() <= 9999;
    }

    private static void four(StringBuilder out, int value) {
        two(out, value / 100);
        two(out, value % 100);
    }

    private static void two(StringBuilder out, int value) {
        out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
