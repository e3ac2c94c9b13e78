package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.ReplyCode;
import io.ftpsbridge.vfs.VirtualPath;
import io.vertx.core.Future;

/** RNTO (RFC 959 §4.1.3): a server-side copy then delete of the RNFR file. */
final class RntoCommand implements FtpCommand {

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        VirtualPath from = connection.session().takeRenameFrom();
        if (from == null) {
            return connection.reply(ReplyCode.BAD_SEQUENCE, "Send RNFR before RNTO");
        }
        VirtualPath to = connection.session().resolve(argument);
        if (to.isRoot() || argument.isBlank()) {
            return connection.reply(ReplyCode.FILE_NAME_NOT_ALLOWED, "RNTO needs a new name");
        }
        return Future.fromCompletionStage(connection.session().fileSystem().rename(from, to), connection.context())
                .compose(v -> connection.reply(ReplyCode.FILE_ACTION_OK, "Renamed " + from + " to " + to));
    }
}
