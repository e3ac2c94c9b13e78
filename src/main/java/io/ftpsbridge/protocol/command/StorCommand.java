package io.ftpsbridge.protocol.command;

import io.ftpsbridge.datachannel.DataChannel;
import io.ftpsbridge.datachannel.DataConnection;
import io.ftpsbridge.datachannel.LineEndings;
import io.ftpsbridge.datachannel.SocketUpload;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ReplyCode;
import io.ftpsbridge.protocol.Session;
import io.ftpsbridge.vfs.UploadSink;
import io.ftpsbridge.vfs.VfsException;
import io.ftpsbridge.vfs.VirtualPath;
import io.vertx.core.Future;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * STOR (RFC 959 §4.1.3), also after REST to resume (RFC 3659 §5), APPE (append) and STOU (a unique name,
 * RFC 1123 §4.1.2.9): streams the data connection into storage. Resuming and appending keep the head of the
 * existing file (copied server-side where S3 allows) and replace the file only when the whole new version is
 * stored. 226 comes only once storage confirmed it; anything else leaves the old file as it was.
 */
final class StorCommand implements FtpCommand {

    enum Mode { STORE, UNIQUE, APPEND }

    private final Mode mode;

    StorCommand(Mode mode) {
        this.mode = mode;
    }

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        Session session = connection.session();
        if (mode != Mode.UNIQUE && argument.isBlank()) {
            return connection.reply(ReplyCode.ARGUMENT_SYNTAX_ERROR, "A file name is needed");
        }
        VirtualPath path = mode == Mode.UNIQUE ? uniquePath(session, argument) : session.resolve(argument);
        if (path.isRoot()) {
            return connection.reply(ReplyCode.FILE_NAME_NOT_ALLOWED, "A file name is needed, not the home directory");
        }
        long restart = session.takeRestartOffset();
        long keep = mode == Mode.APPEND ? -1 : restart;
        // ALLO's size holds for a whole new file sent as is: a resumed or appended upload sends only its tail, and
        // TYPE A changes the byte count on the way.
        long announced = session.takeAnnouncedSize();
        long announcedSize = keep == 0 && session.binary() ? announced : -1;
        DataChannel channel = DataTransfers.takeChannel(connection);
        if (channel == null) {
            return Future.succeededFuture();
        }
        // A restart offset past the end is answered before any data moves (RFC 3659 §5.4: 554).
        Future<Void> checked = keep <= 0 ? Future.succeededFuture()
                : Future.fromCompletionStage(session.fileSystem().stat(path), connection.context()).map(entry -> {
                    long size = entry.filter(e -> !e.directory()).map(e -> e.size()).orElse(-1L);
                    if (keep > size) {
                        throw new VfsException(VfsException.Reason.OFFSET_BEYOND_END, size < 0
                                ? path + ": no file to resume" : "restart offset " + keep + " is past the end of "
                                + path + " (" + size + " bytes)");
                    }
                    return null;
                });
        String announcement = mode == Mode.UNIQUE ? "FILE: " + path.name()
                : "Opening " + (session.binary() ? "BINARY" : "ASCII") + " mode data connection for " + path
                + (keep > 0 ? " from byte " + keep : mode == Mode.APPEND ? " (appending)" : "");
        return checked
                .onFailure(failure -> channel.release())
                .compose(v -> DataTransfers.run(connection, channel, announcement,
                        data -> new SocketUpload(data, sink(session, path, keep, announcedSize, data),
                                connection.services().config().tls().requireCloseNotify(),
                                session.binary() ? null : LineEndings.fromNetwork()),
                        bytes -> "Transfer complete (" + bytes + " bytes stored" + (mode == Mode.UNIQUE ? " as " + path.name() : "") + ")"));
    }

    private static CompletionStage<UploadSink> sink(Session session, VirtualPath path, long keep, long announcedSize,
                                                    DataConnection data) {
        Executor onDataContext = task -> data.context().runOnContext(v -> task.run());
        return keep == 0
                ? CompletableFuture.completedFuture(session.fileSystem().upload(path, announcedSize, onDataContext))
                : session.fileSystem().resume(path, keep, onDataContext);
    }

    /** STOU: the name the client suggests, made unique, or a fresh one. */
    private static VirtualPath uniquePath(Session session, String argument) {
        String suffix = UUID.randomUUID().toString().substring(0, 13);
        if (argument.isBlank()) {
            return session.cwd().child("upload-" + suffix);
        }
        VirtualPath suggested = session.resolve(argument);
        return session.fileSystem().requireStorable(suggested.parent().child(suggested.name() + "." + suffix));
    }
}
