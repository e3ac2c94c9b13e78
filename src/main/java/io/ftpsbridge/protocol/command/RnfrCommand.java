package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.ReplyCode;
import io.ftpsbridge.vfs.VirtualPath;
import io.vertx.core.Future;

/** RNFR (RFC 959 §4.1.3): remembers what RNTO renames, once it is known to exist. */
final class RnfrCommand implements FtpCommand {

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        VirtualPath path = connection.session().resolve(argument);
        if (path.isRoot()) {
            return connection.reply(ReplyCode.FILE_UNAVAILABLE, "The home directory cannot be renamed");
        }
        return Future.fromCompletionStage(connection.session().fileSystem().stat(path), connection.context())
                .compose(entry -> {
                    if (entry.isEmpty()) {
                        return connection.reply(ReplyCode.FILE_UNAVAILABLE, path + ": no such file or directory");
                    }
                    connection.session().renameFrom(path);
                    return connection.reply(ReplyCode.PENDING_FURTHER_INFO, "Ready for RNTO");
                });
    }
}
