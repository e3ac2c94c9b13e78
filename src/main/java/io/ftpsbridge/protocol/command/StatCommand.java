package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.ErrorReplies;
import io.ftpsbridge.protocol.ReplyCode;
import io.ftpsbridge.protocol.Session;
import io.ftpsbridge.auth.Permission;
import io.ftpsbridge.protocol.listing.LsLongFormat;
import io.ftpsbridge.vfs.FileEntry;
import io.ftpsbridge.vfs.FileSystemView;
import io.ftpsbridge.vfs.VirtualPath;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;

/**
 * STAT (RFC 959 §4.1.3): without a path, the session's state; with one, a LIST of it sent over the control
 * connection as a 213 reply, page by page as S3 returns them.
 */
final class StatCommand implements FtpCommand {

    private static Future<Void> statusOf(ControlConnection connection, String argument) {
        Session session = connection.session();
        if (!session.user().may(Permission.LIST)) {
            return connection.replyDenied(Permission.LIST);
        }
        VirtualPath path = session.resolve(ListCommand.withoutOptions(argument));
        LsLongFormat format = new LsLongFormat(session.user(), Instant.now());
        return Future.fromCompletionStage(session.fileSystem().stat(path), connection.context()).compose(entry -> {
            if (entry.isEmpty()) {
                return connection.reply(ReplyCode.FILE_UNAVAILABLE, path + ": no such file or directory");
            }
            Future<Void> body = connection.replyRaw(ReplyCode.FILE_STATUS + "-Status of " + path + ":\r\n")
                    .compose(v -> entry.get().directory()
                            ? Future.fromCompletionStage(session.fileSystem().list(path, FileSystemView.ListingTimes.STORED,
                                    page -> connection.replyRaw(lines(page, format)).toCompletionStage()), connection.context())
                            : connection.replyRaw(lines(List.of(entry.get()), format)));
            // The reply was opened with 213-, so it must be closed whatever happened to the listing.
            return body.compose(v -> connection.replyRaw(ReplyCode.FILE_STATUS + " End of status\r\n"),
                    failure -> connection.replyRaw(ReplyCode.FILE_STATUS + " End of status (listing cut short: "
                            + ErrorReplies.unwrap(failure).getMessage() + ")\r\n"));
        });
    }

    /** Entries as reply lines; each starts with a space so that no line can pass for the reply's end (§4.2). */
    private static String lines(List<FileEntry> page, LsLongFormat format) {
        StringBuilder text = new StringBuilder();
        for (FileEntry entry : page) {
            text.append(' ').append(format.line(entry)).append("\r\n");
        }
        return text.toString();
    }

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        Session session = connection.session();
        if (!argument.isBlank()) {
            return statusOf(connection, argument);
        }
        StringBuilder text = new StringBuilder("FTPS-S3 bridge status:\n");
        text.append("Connected from ").append(connection.remoteAddress()).append('\n');
        text.append(session.loggedIn() ? "Logged in as " + session.user().name() : "Not logged in").append('\n');
        text.append("TLS on control connection: ").append(session.tlsActive() ? "yes" : "no").append('\n');
        text.append("Data protection: ").append(session.protectData() ? "Private" : "Clear").append('\n');
        text.append("TYPE: ").append(session.binary() ? "I" : "A").append(", MODE: S, STRU: F\n");
        text.append(session.transfer() != null ? "A transfer is in progress" : "No transfer in progress").append('\n');
        text.append("End of status");
        return connection.reply(ReplyCode.SYSTEM_STATUS, text.toString());
    }
}
