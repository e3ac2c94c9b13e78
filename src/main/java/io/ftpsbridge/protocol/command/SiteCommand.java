package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ReplyCode;
import io.vertx.core.Future;

import java.util.Locale;

/**
 * SITE (RFC 959 §4.1.3). S3 keeps no Unix modes, so CHMOD is superfluous here (202, as §4.2 defines it): mirroring
 * clients such as lftp send it after every upload and would otherwise count each file as failed.
 */
final class SiteCommand implements FtpCommand {

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        String sub = argument.strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        return switch (sub) {
            case "HELP" -> connection.reply(ReplyCode.HELP, "SITE commands: CHMOD (no effect on S3), HELP");
            case "CHMOD" -> connection.reply(ReplyCode.SUPERFLUOUS, "S3 keeps no Unix permissions; CHMOD has no effect");
            default -> connection.reply(ReplyCode.NOT_IMPLEMENTED_FOR_PARAMETER, "SITE " + (sub.length() > 16
                    ? sub.substring(0, 16) : sub).replaceAll("[^\\x21-\\x7e]", "?") + " is not supported; try SITE HELP");
        };
    }
}
