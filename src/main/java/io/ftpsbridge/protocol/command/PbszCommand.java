package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.ReplyCode;
import io.vertx.core.Future;

/** PBSZ (RFC 4217 §8): TLS has no buffer size to agree on, so the answer is always PBSZ=0. */
final class PbszCommand implements FtpCommand {

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        if (!connection.session().tlsActive()) {
            return connection.reply(ReplyCode.BAD_SEQUENCE, "PBSZ needs a TLS session: send AUTH TLS first");
        }
        if (!argument.strip().matches("\\d{1,10}")) {
            return connection.reply(ReplyCode.ARGUMENT_SYNTAX_ERROR, "PBSZ needs a number, usually PBSZ 0");
        }
        connection.session().pbszDone(true);
        return connection.reply(ReplyCode.OK, "PBSZ=0");
    }
}
