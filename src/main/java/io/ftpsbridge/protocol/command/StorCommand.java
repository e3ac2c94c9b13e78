package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.datachannel.DataChannel;
import io.ftpsbridge.datachannel.SocketUpload;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.ReplyCode;
import io.ftpsbridge.protocol.Session;
import io.ftpsbridge.vfs.VirtualPath;
import io.vertx.core.Future;

import java.util.UUID;

/**
 * STOR (RFC 959 §4.1.3) and STOU (a unique name, RFC 1123 §4.1.2.9): streams the data connection into storage.
 * 226 comes only once storage confirmed the whole file; anything else leaves no file and no partial upload.
 */
final class StorCommand implements FtpCommand {

    private final boolean unique;

    StorCommand(boolean unique) {
        this.unique = unique;
    }

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        Session session = connection.session();
        if (!unique && argument.isBlank()) {
            return connection.reply(ReplyCode.ARGUMENT_SYNTAX_ERROR, "STOR needs a file name");
        }
        VirtualPath path = unique ? uniquePath(session, argument) : session.resolve(argument);
        if (path.isRoot()) {
            return connection.reply(ReplyCode.FILE_NAME_NOT_ALLOWED, "STOR needs a file name, not the home directory");
        }
        if (session.takeRestartOffset() > 0) {
            return connection.reply(ReplyCode.INVALID_RESTART,
                    "Resuming an upload (REST before STOR) is not supported yet; send the whole file");
        }
        DataChannel channel = DataTransfers.takeChannel(connection);
        if (channel == null) {
            return Future.succeededFuture();
        }
        String announcement = unique ? "FILE: " + path.name()
                : "Opening " + (session.binary() ? "BINARY" : "ASCII") + " mode data connection for " + path;
        return DataTransfers.run(connection, channel, announcement,
                data -> new SocketUpload(data, session.fileSystem().upload(path,
                        task -> data.context().runOnContext(v -> task.run())),
                        connection.services().config().tls().requireCloseNotify()),
                bytes -> "Transfer complete (" + bytes + " bytes stored" + (unique ? " as " + path.name() : "") + ")");
    }

    /** STOU: the name the client suggests, made unique, or a fresh one. */
    private static VirtualPath uniquePath(Session session, String argument) {
        String suffix = UUID.randomUUID().toString().substring(0, 13);
        if (argument.isBlank()) {
            return session.cwd().child("upload-" + suffix);
        }
        VirtualPath suggested = session.resolve(argument);
        return suggested.parent().child(suggested.name() + "." + suffix);
    }
}
