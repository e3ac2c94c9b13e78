package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.ReplyCode;
import io.ftpsbridge.protocol.Session;
import io.vertx.core.Future;

/** STAT without a path (RFC 959 §4.1.3): the session's state, or the running transfer's. */
final class StatCommand implements FtpCommand {

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        Session session = connection.session();
        if (!argument.isBlank()) {
            return connection.reply(ReplyCode.NOT_IMPLEMENTED_FOR_PARAMETER,
                    "STAT of a path is not supported yet; use LIST or MLST");
        }
        StringBuilder text = new StringBuilder("FTPS-S3 bridge status:\n");
        text.append("Connected from ").append(connection.remoteAddress()).append('\n');
        text.append(session.loggedIn() ? "Logged in as " + session.user().name() : "Not logged in").append('\n');
        text.append("TLS on control connection: ").append(session.tlsActive() ? "yes" : "no").append('\n');
        text.append("Data protection: ").append(session.protectData() ? "Private" : "Clear").append('\n');
        text.append("TYPE: ").append(session.binary() ? "I" : "A").append(", MODE: S, STRU: F\n");
        text.append(session.transfer() != null ? "A transfer is in progress" : "No transfer in progress").append('\n');
        text.append("End of status");
        return connection.reply(ReplyCode.SYSTEM_STATUS, text.toString());
    }
}
