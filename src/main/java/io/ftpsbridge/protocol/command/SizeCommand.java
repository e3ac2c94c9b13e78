package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.ReplyCode;
import io.ftpsbridge.vfs.FileEntry;
import io.ftpsbridge.vfs.VirtualPath;
import io.vertx.core.Future;

/** SIZE (RFC 3659 §4) of a file, from HeadObject. */
final class SizeCommand implements FtpCommand {

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        VirtualPath path = connection.session().resolve(argument);
        if (path.isRoot()) {
            return connection.reply(ReplyCode.FILE_UNAVAILABLE, "/: not a plain file");
        }
        return Future.fromCompletionStage(connection.session().fileSystem().stat(path), connection.context())
                .compose(entry -> {
                    if (entry.isEmpty()) {
                        return connection.reply(ReplyCode.FILE_UNAVAILABLE, path + ": no such file");
                    }
                    FileEntry e = entry.get();
                    if (e.directory()) {
                        return connection.reply(ReplyCode.FILE_UNAVAILABLE, path + ": not a plain file");
                    }
                    return connection.reply(ReplyCode.FILE_STATUS, Long.toString(e.size()));
                });
    }
}
