package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ReplyCode;
import io.vertx.core.Future;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ALLO (RFC 959 §4.1.3): S3 reserves nothing, but the size lets the next STOR stream into one PutObject of that
 * length instead of buffering parts; that upload then fails unless exactly this many bytes arrive. The optional
 * record size ({@code R m}) means nothing for a byte stream and is ignored.
 */
final class AlloCommand implements FtpCommand {

    private static final Pattern SIZE = Pattern.compile("(\\d{1,18})(?:\\s+R\\s+\\d{1,18})?", Pattern.CASE_INSENSITIVE);

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        Matcher size = SIZE.matcher(argument.strip());
        if (!size.matches()) {
            return connection.reply(ReplyCode.ARGUMENT_SYNTAX_ERROR, "ALLO needs a size in bytes, e.g. ALLO 1048576");
        }
        long bytes = Long.parseLong(size.group(1));
        connection.session().announcedSize(bytes);
        return connection.reply(ReplyCode.OK, "ALLO " + bytes + " noted: the next STOR must send exactly that many bytes");
    }
}
