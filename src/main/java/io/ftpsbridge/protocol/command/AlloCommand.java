package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.ReplyCode;
import io.vertx.core.Future;

/** ALLO (RFC 959 §4.1.3): S3 needs no space reserved ahead. */
final class AlloCommand implements FtpCommand {

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        return connection.reply(ReplyCode.SUPERFLUOUS, "No storage allocation necessary");
    }
}
