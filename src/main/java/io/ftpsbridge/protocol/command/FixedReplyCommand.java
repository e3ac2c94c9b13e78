package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ControlConnection;
import io.vertx.core.Future;

/** A verb whose answer is always the same: one this server knows but does not carry out (with its reason), or one that needs nothing done. */
final class FixedReplyCommand implements FtpCommand {

    private final int code;
    private final String reason;

    FixedReplyCommand(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        return connection.reply(code, reason);
    }
}
