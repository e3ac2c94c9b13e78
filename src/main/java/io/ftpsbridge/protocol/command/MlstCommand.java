package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.ReplyCode;
import io.ftpsbridge.protocol.listing.MachineListFormat;
import io.ftpsbridge.vfs.FileEntry;
import io.ftpsbridge.vfs.VirtualPath;
import io.vertx.core.Future;

/** MLST (RFC 3659 §7.2): the facts of one path, on the control connection. */
final class MlstCommand implements FtpCommand {

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        VirtualPath path = connection.session().resolve(argument);
        return Future.fromCompletionStage(connection.session().fileSystem().stat(path), connection.context())
                .compose(entry -> {
                    if (entry.isEmpty()) {
                        return connection.reply(ReplyCode.FILE_UNAVAILABLE, path + ": no such file or directory");
                    }
                    FileEntry e = entry.get();
                    MachineListFormat format = new MachineListFormat(connection.session().mlstFacts(),
                            connection.session().user());
                    // §7.2: the entry line starts with a space and names the path as the client will use it.
                    return connection.replyRaw("250-Listing " + path + "\r\n " + format.facts(e) + " " + path
                            + "\r\n250 End\r\n");
                });
    }
}
