package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.ReplyCode;
import io.vertx.core.Future;

/** STRU (RFC 959 §3.1.2): file structure only. */
final class StruCommand implements FtpCommand {

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        return argument.strip().equalsIgnoreCase("F")
                ? connection.reply(ReplyCode.OK, "Structure set to F")
                : connection.reply(ReplyCode.NOT_IMPLEMENTED_FOR_PARAMETER, "Only STRU F (file) is supported");
    }
}
