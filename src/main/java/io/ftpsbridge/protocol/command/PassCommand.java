package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.ReplyCode;
import io.ftpsbridge.protocol.Session;
import io.vertx.core.Future;
import org.jboss.logging.Logger;

/** PASS (RFC 959 §4.1.1): bcrypt checked on a worker thread; one answer for a wrong password and an unknown user. */
final class PassCommand implements FtpCommand {

    private static final Logger LOG = Logger.getLogger(PassCommand.class);

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
        return connection.services().users().authenticate(name, argument).compose(user -> {
            if (user.isEmpty()) {
                LOG.infof("%s: failed login for user '%s' from %s", connection.id(), name, connection.remoteAddress());
                return connection.reply(ReplyCode.NOT_LOGGED_IN, "Login incorrect");
            }
            session.login(user.get(), connection.services().storage().open(user.get().home()));
            LOG.infof("%s: user '%s' logged in from %s", connection.id(), name, connection.remoteAddress());
            return connection.reply(ReplyCode.LOGGED_IN, "User " + name + " logged in");
        });
    }
}
