package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.ReplyCode;
import io.vertx.core.Future;

import java.util.Locale;

/**
 * TYPE (RFC 959 §3.1.1): I (image, byte for byte) and A (ASCII, non-print: lines end in CRLF on the wire and in
 * LF in storage, converted on RETR and STOR).
 */
final class TypeCommand implements FtpCommand {

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        String type = argument.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        switch (type) {
            case "I", "L 8" -> {
                connection.session().binary(true);
                return connection.reply(ReplyCode.OK, "Type set to I");
            }
            case "A", "A N" -> {
                connection.session().binary(false);
                return connection.reply(ReplyCode.OK, "Type set to A");
            }
            default -> {
                return connection.reply(ReplyCode.NOT_IMPLEMENTED_FOR_PARAMETER, "Type not supported; use TYPE I or TYPE A");
            }
        }
    }
}
