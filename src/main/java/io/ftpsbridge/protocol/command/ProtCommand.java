package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.ReplyCode;
import io.vertx.core.Future;

import java.util.Locale;

/** PROT (RFC 4217 §9): P protects the data channel with TLS; C is accepted but transfers then get 521. */
final class ProtCommand implements FtpCommand {

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        if (!connection.session().tlsActive()) {
            return connection.reply(ReplyCode.BAD_SEQUENCE, "PROT needs a TLS session: send AUTH TLS first");
        }
        if (!connection.session().pbszDone()) {
            return connection.reply(ReplyCode.BAD_SEQUENCE, "Send PBSZ 0 before PROT");
        }
        switch (argument.strip().toUpperCase(Locale.ROOT)) {
            case "P" -> {
                connection.session().protectData(true);
                return connection.reply(ReplyCode.OK, "Protection level set to Private");
            }
            case "C" -> {
                connection.session().protectData(false);
                return connection.reply(ReplyCode.OK,
                        "Protection level set to Clear; data transfers are refused until PROT P");
            }
            case "S", "E" -> {
                return connection.reply(ReplyCode.NOT_IMPLEMENTED_FOR_PARAMETER,
                        "Protection level not supported; use PROT P");
            }
            default -> {
                return connection.reply(ReplyCode.ARGUMENT_SYNTAX_ERROR, "PROT needs one of C, S, E, P");
            }
        }
    }
}
