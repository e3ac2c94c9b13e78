package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.ReplyCode;
import io.vertx.core.Future;

/** PWD and XPWD (RFC 959 §4.1.3): 257 with the path quoted, inner quotes doubled (RFC 959 Appendix II). */
final class PwdCommand implements FtpCommand {

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        return connection.reply(ReplyCode.PATH_CREATED,
                quote(connection.session().cwd().toString()) + " is the current directory");
    }

    static String quote(String path) {
        return "\"" + path.replace("\"", "\"\"") + "\"";
    }
}
