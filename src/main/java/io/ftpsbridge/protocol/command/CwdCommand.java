package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.ReplyCode;
import io.ftpsbridge.vfs.VirtualPath;
import io.vertx.core.Future;

/** CWD and XCWD (RFC 959 §4.1.1); CDUP and XCUP are CWD to the parent. */
final class CwdCommand implements FtpCommand {

    private final boolean toParent;

    CwdCommand(boolean toParent) {
        this.toParent = toParent;
    }

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        VirtualPath target = toParent ? connection.session().cwd().parent()
                : connection.session().resolve(argument.isEmpty() ? "/" : argument);
        return Future.fromCompletionStage(connection.session().fileSystem().isDirectory(target), connection.context())
                .compose(isDirectory -> {
                    if (!isDirectory) {
                        return connection.reply(ReplyCode.FILE_UNAVAILABLE, target + ": no such directory");
                    }
                    connection.session().cwd(target);
                    return connection.reply(ReplyCode.FILE_ACTION_OK, "Directory changed to " + target);
                });
    }
}
