package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.ReplyCode;
import io.vertx.core.Future;

/** SYST (RFC 959 §4.1.3): UNIX, so that clients expect ls-style LIST lines. */
final class SystCommand implements FtpCommand {

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        return connection.reply(ReplyCode.SYSTEM_TYPE, "UNIX Type: L8");
    }
}
