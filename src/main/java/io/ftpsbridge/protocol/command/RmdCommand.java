package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.ReplyCode;
import io.ftpsbridge.vfs.VirtualPath;
import io.vertx.core.Future;

/** RMD and XRMD (RFC 959 §4.1.3): only an empty directory goes. */
final class RmdCommand implements FtpCommand {

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        if (argument.isBlank()) {
            return connection.reply(ReplyCode.ARGUMENT_SYNTAX_ERROR, "RMD needs a directory name");
        }
        VirtualPath path = connection.session().resolve(argument);
        if (path.contains(connection.session().cwd()) && !path.isRoot()) {
            // Removing the working directory (or a parent of it) would strand the session in nothing.
            return connection.reply(ReplyCode.FILE_UNAVAILABLE, path + ": is the current directory or contains it");
        }
        return Future.fromCompletionStage(connection.session().fileSystem().removeDirectory(path), connection.context())
                .compose(v -> connection.reply(ReplyCode.FILE_ACTION_OK, path + " removed"));
    }
}
