package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ReplyCode;
import io.vertx.core.Future;

/**
 * HOST (RFC 7151): names the virtual host before login. This server has one host, so any name is accepted;
 * after login the command is out of sequence (RFC 7151 §3.1).
 */
final class HostCommand implements FtpCommand {

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        if (connection.session().loggedIn()) {
            return connection.reply(ReplyCode.BAD_SEQUENCE, "HOST must come before USER");
        }
        if (argument.isBlank()) {
            return connection.reply(ReplyCode.ARGUMENT_SYNTAX_ERROR, "HOST needs a host name");
        }
        return connection.reply(ReplyCode.READY, "Host accepted");
    }
}
