package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.ReplyCode;
import io.vertx.core.Future;

/** QUIT (RFC 959 §4.1.1). Queued behind a running transfer, so the transfer's reply comes first. */
final class QuitCommand implements FtpCommand {

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        return connection.replyAndClose(ReplyCode.CLOSING, "Goodbye");
    }
}
