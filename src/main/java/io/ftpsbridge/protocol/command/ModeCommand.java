package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.ReplyCode;
import io.vertx.core.Future;

/** MODE (RFC 959 §3.4): stream mode only. */
final class ModeCommand implements FtpCommand {

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        return argument.strip().equalsIgnoreCase("S")
                ? connection.reply(ReplyCode.OK, "Mode set to S")
                : connection.reply(ReplyCode.NOT_IMPLEMENTED_FOR_PARAMETER, "Only MODE S (stream) is supported");
    }
}
