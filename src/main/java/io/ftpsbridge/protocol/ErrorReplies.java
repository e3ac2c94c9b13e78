package io.ftpsbridge.protocol;

import io.ftpsbridge.datachannel.DataChannelException;
import io.ftpsbridge.datachannel.DataProtectionException;
import io.ftpsbridge.vfs.VfsException;
import io.vertx.core.Future;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The one place where a failure becomes an FTP reply (RFC 959 §4.2, §5.4). */
public final class ErrorReplies {

    private static final Logger LOG = Logger.getLogger(ErrorReplies.class);

    private ErrorReplies() {
    }

    /** Replies to a failure of a command that had not opened a data transfer. */
    public static Future<Void> reply(ControlConnection connection, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof VfsException e) {
            return connection.reply(codeOf(e), e.getMessage());
        }
        if (cause instanceof DataProtectionException e) {
            return connection.reply(ReplyCode.NETWORK_PROTOCOL_NOT_SUPPORTED, "Data connection refused: " + e.getMessage());
        }
        if (cause instanceof DataChannelException e) {
            return connection.reply(ReplyCode.CANT_OPEN_DATA_CONNECTION, "Cannot open data connection: " + e.getMessage());
        }
        LOG.warnf(cause, "%s: unexpected failure", connection.id());
        return connection.reply(ReplyCode.LOCAL_ERROR, "Local error in processing; the request was not completed");
    }

    /** Replies to a failure after 150, when the data transfer had started. */
    public static Future<Void> replyToTransfer(ControlConnection connection, Throwable failure, boolean abortRequested) {
        Throwable cause = unwrap(failure);
        if (abortRequested) {
            return connection.reply(ReplyCode.TRANSFER_ABORTED, "Transfer aborted; nothing was stored or sent further");
        }
        if (cause instanceof DataProtectionException e) {
            // RFC 4217 §10 uses 522 for a data connection whose TLS the server will not accept.
            return connection.reply(ReplyCode.NETWORK_PROTOCOL_NOT_SUPPORTED, "Data connection refused: " + e.getMessage());
        }
        if (cause instanceof DataChannelException e) {
            return connection.reply(ReplyCode.TRANSFER_ABORTED, "Connection closed; transfer aborted: " + e.getMessage());
        }
        if (cause instanceof VfsException e) {
            int code = codeOf(e);
            return connection.reply(code == ReplyCode.FILE_UNAVAILABLE || code == ReplyCode.TRANSFER_ABORTED
                    || code == ReplyCode.FILE_NAME_NOT_ALLOWED || code == ReplyCode.EXCEEDED_STORAGE
                    ? code : ReplyCode.LOCAL_ERROR, e.getMessage());
        }
        LOG.warnf(cause, "%s: unexpected transfer failure", connection.id());
        return connection.reply(ReplyCode.LOCAL_ERROR, "Local error in processing; transfer not completed");
    }

    static int codeOf(VfsException e) {
        return switch (e.reason()) {
            case NOT_FOUND, ACCESS_DENIED, ALREADY_EXISTS, NOT_EMPTY, NOT_A_DIRECTORY, NOT_A_FILE, UNSUPPORTED ->
                    ReplyCode.FILE_UNAVAILABLE;
            case INVALID_NAME -> ReplyCode.FILE_NAME_NOT_ALLOWED;
            case OFFSET_BEYOND_END -> ReplyCode.INVALID_RESTART;
            case INTERRUPTED -> ReplyCode.TRANSFER_ABORTED;
            case TOO_LARGE -> ReplyCode.EXCEEDED_STORAGE;
            case TEMPORARY, FAILED -> ReplyCode.LOCAL_ERROR;
        };
    }

    /** The failure under CompletionException and ExecutionException wrappers. */
    public static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
