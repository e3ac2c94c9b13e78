package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.ReplyCode;
import io.vertx.core.Future;

import java.util.Locale;

/**
 * TYPE (RFC 959 §3.1.1): I (image) and A (ASCII, non-print). Files move byte for byte in both types for now;
 * line-end conversion for A comes with a later release and the reply says so.
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
                return connection.reply(ReplyCode.OK, "Type set to A (files are sent unchanged, without line-end conversion)");
            }
            default -> {
                return connection.reply(ReplyCode.NOT_IMPLEMENTED_FOR_PARAMETER, "Type not supported; use TYPE I or TYPE A");
            }
        }
    }
}
