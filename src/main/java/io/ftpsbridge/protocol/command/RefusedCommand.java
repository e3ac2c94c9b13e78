package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ControlConnection;
import io.vertx.core.Future;

/** A verb this server knows but does not carry out, answered with its reason. */
final class RefusedCommand implements FtpCommand {

    private final int code;
    private final String reason;

    RefusedCommand(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        return connection.reply(code, reason);
    }
}
