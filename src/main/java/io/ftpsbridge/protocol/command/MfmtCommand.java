package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ReplyCode;
import io.ftpsbridge.vfs.ModifyTimes;
import io.vertx.core.Future;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MFMT (draft-somers-ftp-mfxx §3): {@code MFMT YYYYMMDDHHMMSS[.sss] <file>} sets a file's modification time, in UTC,
 * answered {@code 213 Modify=YYYYMMDDHHMMSS; <file>}. MDTM, MLST and listings show that time from then on. Only
 * files: directories have nowhere to keep one on S3.
 */
final class MfmtCommand implements FtpCommand {

    /** A time value and a path after it, as MFMT takes them (and the two-argument MDTM). */
    static final Pattern TIME_AND_PATH = Pattern.compile("(\\d{14}(?:\\.\\d{1,9})?) (.+)");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss")
            .withResolverStyle(ResolverStyle.STRICT);

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        Matcher m = TIME_AND_PATH.matcher(argument);
        if (!m.matches()) {
            return connection.reply(ReplyCode.ARGUMENT_SYNTAX_ERROR, "Expected: MFMT YYYYMMDDHHMMSS <file> (UTC)");
        }
        return set(connection, m.group(1), m.group(2));
    }

    /** Sets the file's time and answers as MFMT does; also the two-argument MDTM's answer. */
    static Future<Void> set(ControlConnection connection, String time, String name) {
        Optional<Instant> modified = parse(time);
        if (modified.isEmpty()) {
            return connection.reply(ReplyCode.ARGUMENT_SYNTAX_ERROR, "Not a valid time: " + time + " (YYYYMMDDHHMMSS, UTC)");
        }
        if (!(connection.session().fileSystem() instanceof ModifyTimes times)) {
            return connection.reply(ReplyCode.NOT_IMPLEMENTED, "This storage keeps no modification times");
        }
        return Future.fromCompletionStage(times.setModified(connection.session().resolve(name), modified.get()),
                        connection.context())
                // §3.2: the reply repeats the time set and the path as the client gave it.
                .compose(v -> connection.reply(ReplyCode.FILE_STATUS, "Modify=" + time + "; " + name));
    }

    /** The time value of §3.1: 14 digits of a real date and time, then maybe a fraction of a second. */
    static Optional<Instant> parse(String time) {
        int dot = time.indexOf('.');
        String whole = dot < 0 ? time : time.substring(0, dot);
        String fraction = dot < 0 ? "" : time.substring(dot + 1);
        try {
            Instant seconds = LocalDateTime.parse(whole, TIME).toInstant(ZoneOffset.UTC);
            return Optional.of(fraction.isEmpty() ? seconds
                    : seconds.plusNanos(Long.parseLong((fraction + "00000000").substring(0, 9))));
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
