package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.ReplyCode;
import io.ftpsbridge.protocol.Session;
import io.vertx.core.Future;

/**
 * ABOR (RFC 959 §4.1.3): a running transfer is stopped and answered 426 (nothing half-written stays), then ABOR
 * itself gets 226. Without a transfer the answer is 225, and an idle passive port is closed.
 */
final class AborCommand implements FtpCommand {

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        Session session = connection.session();
        if (session.transfer() != null) {
            Future<Void> finished = session.transferFinished();
            session.transfer().abort();
            return finished.compose(v -> connection.reply(ReplyCode.TRANSFER_COMPLETE, "ABOR successful"));
        }
        if (session.hasDataChannel()) {
            session.dataChannel(null);
            return connection.reply(ReplyCode.DATA_OPEN_NO_TRANSFER, "No transfer in progress; data connection closed");
        }
        return connection.reply(ReplyCode.DATA_OPEN_NO_TRANSFER, "No transfer to abort");
    }
}
