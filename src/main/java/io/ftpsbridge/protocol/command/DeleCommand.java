package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.ReplyCode;
import io.ftpsbridge.vfs.VirtualPath;
import io.vertx.core.Future;

/** DELE (RFC 959 §4.1.3). */
final class DeleCommand implements FtpCommand {

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        VirtualPath path = connection.session().resolve(argument);
        return Future.fromCompletionStage(connection.session().fileSystem().delete(path), connection.context())
                .compose(v -> connection.reply(ReplyCode.FILE_ACTION_OK, path + " deleted"));
    }
}
