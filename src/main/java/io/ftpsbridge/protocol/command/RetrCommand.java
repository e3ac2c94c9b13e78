package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.datachannel.DataChannel;
import io.ftpsbridge.datachannel.LineEndings;
import io.ftpsbridge.datachannel.SocketDownload;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.ReplyCode;
import io.ftpsbridge.protocol.Session;
import io.ftpsbridge.vfs.ObjectContent;
import io.ftpsbridge.vfs.VirtualPath;
import io.vertx.core.Future;

import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * RETR (RFC 959 §4.1.3): streams the object to the data connection, from the REST offset when one was given
 * (a ranged GET). The object is opened before 150, so a missing file gets a plain 550.
 */
final class RetrCommand implements FtpCommand {

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        Session session = connection.session();
        VirtualPath path = session.resolve(argument);
        long offset = session.takeRestartOffset();
        if (path.isRoot()) {
            // Refused before the data channel is taken, which would otherwise keep its passive port reserved.
            return connection.reply(ReplyCode.FILE_UNAVAILABLE, "/: not a plain file");
        }
        DataChannel channel = DataTransfers.takeChannel(connection);
        if (channel == null) {
            return Future.succeededFuture();
        }
        return Future.fromCompletionStage(session.fileSystem().read(path, offset), connection.context())
                .onFailure(failure -> channel.release())
                .compose(content -> {
                    boolean[] started = {false};
                    Flow.Publisher<ByteBuffer> body = subscriber -> {
                        started[0] = true;
                        content.body().subscribe(subscriber);
                    };
                    return DataTransfers.run(connection, channel,
                                    "Opening " + (session.binary() ? "BINARY" : "ASCII") + " mode data connection for "
                                            + path + " (" + content.length() + " bytes)",
                                    data -> new SocketDownload(data, body, session.binary() ? null : LineEndings.toNetwork()),
                                    bytes -> "Transfer complete (" + bytes + " bytes)")
                            .onComplete(v -> {
                                if (!started[0]) {
                                    release(content);
                                }
                            });
                });
    }

    /** A body that was never subscribed (no data connection came) still holds an HTTP connection: let it go. */
    private static void release(ObjectContent content) {
        content.body().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.cancel();
            }

            @Override
            public void onNext(ByteBuffer item) {
            }

            @Override
            public void onError(Throwable throwable) {
            }

            @Override
            public void onComplete() {
            }
        });
    }
}
