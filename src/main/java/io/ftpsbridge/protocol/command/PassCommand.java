package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.ReplyCode;
import io.ftpsbridge.protocol.Session;
import io.ftpsbridge.auth.LoginGuard;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * PASS (RFC 959 §4.1.1): bcrypt checked on a worker thread; one answer, after a delay, for a wrong password, an
 * unknown user and an address the user may not log in from. Failures count towards a ban of the address.
 */
final class PassCommand implements FtpCommand {

    private static final Logger LOG = Logger.getLogger(PassCommand.class);

    private static Future<Void> delay(ControlConnection connection, Duration delay) {
        Promise<Void> elapsed = Promise.promise();
        connection.context().owner().setTimer(Math.max(1, delay.toMillis()), id -> elapsed.complete());
        return elapsed.future();
    }

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        Session session = connection.session();
        if (session.loggedIn()) {
            return connection.reply(ReplyCode.SUPERFLUOUS, "Already logged in");
        }
        String name = session.pendingUser();
        if (name == null) {
            return connection.reply(ReplyCode.BAD_SEQUENCE, "Send USER before PASS");
        }
        session.pendingUser(null);
        String address = connection.remoteAddress();
        LoginGuard guard = connection.services().loginGuard();
        return connection.services().users().authenticate(name, argument).compose(user -> {
            boolean addressAllowed = user.isPresent() && user.get().mayConnectFrom(address);
            boolean certificateAccepted = user.isPresent() && user.get().certificate().accepts(connection.peerCertificate());
            if (!addressAllowed || !certificateAccepted) {
                LOG.infof("%s: failed login for user '%s' from %s%s", connection.id(), name, address,
                        user.isEmpty() ? "" : !addressAllowed ? " (address not allowed for this user)"
                                : " (client certificate missing or not the user's)");
                boolean banned = guard.failed(address);
                // The same answer, after the same delay, whatever failed: nothing tells a guesser what was wrong.
                return delay(connection, guard.failedLoginDelay()).compose(v -> banned
                        ? connection.replyAndClose(ReplyCode.SERVICE_NOT_AVAILABLE,
                                "Too many failed logins from your address; try again later")
                        : connection.reply(ReplyCode.NOT_LOGGED_IN, "Login incorrect"));
            }
            guard.succeeded(address);
            session.login(user.get(), connection.services().storage().open(user.get().home()));
            LOG.infof("%s: user '%s' logged in from %s", connection.id(), name, connection.remoteAddress());
            return connection.reply(ReplyCode.LOGGED_IN, "User " + name + " logged in");
        });
    }
}
