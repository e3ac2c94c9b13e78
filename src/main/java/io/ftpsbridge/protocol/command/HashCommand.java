package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.HashAlgorithm;
import io.ftpsbridge.protocol.ReplyCode;
import io.ftpsbridge.protocol.Session;
import io.ftpsbridge.vfs.ObjectContent;
import io.ftpsbridge.vfs.StoredDigests;
import io.ftpsbridge.vfs.VfsException;
import io.ftpsbridge.vfs.VirtualPath;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HASH (draft-bryan-ftpext-hash: the algorithm chosen with OPTS HASH, the whole file) and the older XCRC, XMD5,
 * XSHA1, XSHA256 ({@code "path" [start [end]]}), computed by streaming the object from S3 without storing it;
 * HASH SHA-256 of a file whose SHA-256 was recorded at upload is answered from that record.
 */
final class HashCommand implements FtpCommand {

    /** The form of the older commands: a path, maybe quoted, then an optional byte range. */
    private static final Pattern RANGED = Pattern.compile("\\s*(\"[^\"]*\"|\\S+)(?:\\s+(\\d{1,18}))?(?:\\s+(\\d{1,18}))?\\s*");

    private final HashAlgorithm fixed;

    /** {@code fixed}: the algorithm of an X command; null for HASH, which uses the session's choice. */
    HashCommand(HashAlgorithm fixed) {
        this.fixed = fixed;
    }

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        Session session = connection.session();
        if (argument.isBlank()) {
            return connection.reply(ReplyCode.ARGUMENT_SYNTAX_ERROR, "A file name is needed");
        }
        if (fixed == null) {
            VirtualPath path = session.resolve(argument);
            HashAlgorithm algorithm = session.hashAlgorithm();
            return wholeFile(connection, path, algorithm).compose(result -> connection.reply(ReplyCode.FILE_STATUS,
                    algorithm.ftpName() + " 0-" + Math.max(0, result.length() - 1) + " " + result.hex() + " " + path));
        }
        Matcher m = RANGED.matcher(argument);
        if (!m.matches()) {
            return connection.reply(ReplyCode.ARGUMENT_SYNTAX_ERROR, "Expected: \"path\" [start [end]]");
        }
        String name = m.group(1).startsWith("\"") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
        long start = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
        long end = m.group(3) == null ? -1 : Long.parseLong(m.group(3));
        if (end >= 0 && end < start) {
            return connection.reply(ReplyCode.ARGUMENT_SYNTAX_ERROR, "The end of the range comes before its start");
        }
        return digest(connection, fixed, session.resolve(name), start, end)
                .compose(result -> connection.reply(ReplyCode.FILE_ACTION_OK, result.hex()));
    }

    private record Result(long length, String hex) {
    }

    /** The whole file's digest: a SHA-256 recorded at upload is used as it is, without reading the object. */
    private Future<Result> wholeFile(ControlConnection connection, VirtualPath path, HashAlgorithm algorithm) {
        if (algorithm == HashAlgorithm.SHA_256 && connection.session().fileSystem() instanceof StoredDigests stored) {
            return Future.fromCompletionStage(stored.storedSha256(path), connection.context())
                    .compose(recorded -> recorded.isPresent()
                            ? Future.succeededFuture(new Result(recorded.get().size(), recorded.get().sha256()))
                            : digest(connection, algorithm, path, 0, -1));
        }
        return digest(connection, algorithm, path, 0, -1);
    }

    /** Streams bytes {@code start} to {@code end} (exclusive; -1 for the end of the file) through the digest. */
    private static Future<Result> digest(ControlConnection connection, HashAlgorithm algorithm, VirtualPath path,
                                         long start, long end) {
        return Future.fromCompletionStage(connection.session().fileSystem().read(path, start), connection.context())
                .compose(content -> consume(content, algorithm, end < 0 ? Long.MAX_VALUE : end - start));
    }

    private static Future<Result> consume(ObjectContent content, HashAlgorithm algorithm, long limit) {
        Promise<Result> done = Promise.promise();
        HashAlgorithm.Digest digest = algorithm.start();
        content.body().subscribe(new Flow.Subscriber<>() {
            private Flow.Subscription subscription;
            private long remaining = limit;
            private long length;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer chunk) {
                if (remaining <= 0) {
                    return;
                }
                if (chunk.remaining() > remaining) {
                    chunk.limit(chunk.position() + (int) remaining);
                }
                remaining -= chunk.remaining();
                length += chunk.remaining();
                digest.update(chunk);
                if (remaining <= 0) {
                    subscription.cancel();
                    done.tryComplete(new Result(length, digest.hex()));
                }
            }

            @Override
            public void onError(Throwable failure) {
                done.tryFail(new VfsException(VfsException.Reason.TEMPORARY, "reading the file failed", failure));
            }

            @Override
            public void onComplete() {
                done.tryComplete(new Result(length, digest.hex()));
            }
        });
        return done.future();
    }
}
