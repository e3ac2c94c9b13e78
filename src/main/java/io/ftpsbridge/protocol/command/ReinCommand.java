package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ReplyCode;
import io.ftpsbridge.protocol.Session;
import io.vertx.core.Future;
import org.jboss.logging.Logger;

/**
 * REIN (RFC 959 §4.1.1): ends the login and puts the session back as it was right after the greeting, user,
 * working directory, TYPE, REST, RNFR, OPTS choices and passive port included, then answers 220. Like every command
 * other than ABOR, STAT and NOOP it waits behind a running transfer, so that transfer completes and is answered
 * first, as §4.1.1 asks.
 *
 * <p>Security state. RFC 4217 §13 wants REIN to clear the TLS session as well, the control and data connections
 * reverting to clear text. This server keeps the TLS layer of the control connection and resets what was
 * negotiated over it: PBSZ and PROT (RFC 2228 §3; a transfer gets 521 until they are sent again) and the login.
 * Taking TLS off a connection in place is not something Vert.x offers short of Netty pipeline surgery, and it would
 * gain nothing: this server refuses USER in clear (see UserCommand), so the client would have to send AUTH TLS again
 * straight away, and whatever it sent in between would cross the wire in clear. A client that wants a fresh TLS
 * session reconnects.
 */
final class ReinCommand implements FtpCommand {

    private static final Logger LOG = Logger.getLogger(ReinCommand.class);

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        Session session = connection.session();
        if (session.loggedIn()) {
            LOG.infof("%s: user '%s' logged out by REIN", connection.id(), session.user().name());
        }
        session.reinitialize();
        return connection.reply(ReplyCode.READY,
                "Session reinitialized; TLS stays on. Log in again with USER and PASS, then PBSZ 0 and PROT P");
    }
}
