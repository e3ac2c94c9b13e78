package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.ReplyCode;
import io.vertx.core.Future;

/** USER (RFC 959 §4.1.1). TLS first: a name must never cross the wire in clear. Known or not, the answer is 331. */
final class UserCommand implements FtpCommand {

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        if (!connection.session().tlsActive()) {
            return connection.reply(ReplyCode.NOT_LOGGED_IN, "TLS is required: send AUTH TLS before USER");
        }
        if (argument.isBlank()) {
            return connection.reply(ReplyCode.ARGUMENT_SYNTAX_ERROR, "USER needs a user name");
        }
        if (connection.session().loggedIn()) {
            connection.session().logout();
        }
        connection.session().pendingUser(argument.strip());
        return connection.reply(ReplyCode.NEED_PASSWORD, "Password required for " + argument.strip());
    }
}
