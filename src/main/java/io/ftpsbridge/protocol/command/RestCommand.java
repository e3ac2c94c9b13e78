package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.ReplyCode;
import io.vertx.core.Future;

/** REST (RFC 3659 §5): the byte offset the next RETR or STOR starts from, in stream mode. */
final class RestCommand implements FtpCommand {

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        String value = argument.strip();
        if (!value.matches("\\d{1,18}")) {
            return connection.reply(ReplyCode.ARGUMENT_SYNTAX_ERROR, "REST needs a byte offset (a whole number of 0 or more)");
        }
        long offset = Long.parseLong(value);
        connection.session().restartOffset(offset);
        return connection.reply(ReplyCode.PENDING_FURTHER_INFO,
                "Restarting at " + offset + ". Send STOR or RETR to start the transfer");
    }
}
