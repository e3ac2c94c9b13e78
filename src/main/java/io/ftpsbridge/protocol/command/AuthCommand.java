package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.ReplyCode;
import io.vertx.core.Future;

import java.util.Locale;

/** AUTH TLS / AUTH SSL (RFC 2228 §3, RFC 4217 §4): 234 in clear, then the TLS handshake. */
final class AuthCommand implements FtpCommand {

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        if (connection.session().implicitTls()) {
            return connection.reply(ReplyCode.DENIED_FOR_POLICY, "TLS is already in force on this implicit FTPS port");
        }
        if (connection.session().tlsActive()) {
            return connection.reply(ReplyCode.DENIED_FOR_POLICY, "TLS is already in force; AUTH may be sent once");
        }
        String mechanism = argument.strip().toUpperCase(Locale.ROOT);
        if (!mechanism.equals("TLS") && !mechanism.equals("TLS-C") && !mechanism.equals("SSL") && !mechanism.equals("TLS-P")) {
            return connection.reply(ReplyCode.NOT_IMPLEMENTED_FOR_PARAMETER, "AUTH mechanism not supported; use AUTH TLS");
        }
        if (mechanism.equals("SSL") || mechanism.equals("TLS-P")) {
            // These names have always meant "protect the data channel too" (RFC 4217 §4, historical note).
            connection.session().protectData(true);
        }
        return connection.startTls(ReplyCode.SECURITY_EXCHANGE_OK, "AUTH " + mechanism + " OK; start TLS negotiation");
    }
}
