package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.ReplyCode;
import io.ftpsbridge.vfs.VirtualPath;
import io.vertx.core.Future;

/** MKD and XMKD (RFC 959 §4.1.3): writes the zero-byte {@code dir/} marker; 257 names the new directory. */
final class MkdCommand implements FtpCommand {

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        if (argument.isBlank()) {
            return connection.reply(ReplyCode.ARGUMENT_SYNTAX_ERROR, "MKD needs a directory name");
        }
        VirtualPath path = connection.session().resolve(argument);
        return Future.fromCompletionStage(connection.session().fileSystem().makeDirectory(path), connection.context())
                .compose(v -> connection.reply(ReplyCode.PATH_CREATED, PwdCommand.quote(path.toString()) + " created"));
    }
}
