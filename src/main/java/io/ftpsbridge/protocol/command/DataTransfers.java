package io.ftpsbridge.protocol.command;

import io.ftpsbridge.datachannel.DataChannel;
import io.ftpsbridge.datachannel.DataConnection;
import io.ftpsbridge.datachannel.RunningTransfer;
import io.ftpsbridge.datachannel.TransferTask;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.ErrorReplies;
import io.ftpsbridge.protocol.ReplyCode;
import io.ftpsbridge.protocol.Session;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.function.Function;

/** The common course of RETR, STOR, LIST and their kin: data channel, 150, the transfer, then 226 or 426/451. */
final class DataTransfers {

    private DataTransfers() {
    }

    /**
     * Takes the session's data channel for one transfer, or replies why there is none: no PASV/EPSV before, or
     * data protection missing (RFC 4217 §9: 521 while PROT C is in force). Null after a refusal.
     */
    static DataChannel takeChannel(ControlConnection connection) {
        Session session = connection.session();
        DataChannel channel = session.takeDataChannel();
        if (channel == null) {
            connection.reply(ReplyCode.CANT_OPEN_DATA_CONNECTION, "Use PASV or EPSV first to open a data connection");
            return null;
        }
        if (!session.protectData()) {
            channel.release();
            connection.reply(ReplyCode.DATA_PROTECTION_REQUIRED,
                    "Data connections must be protected: send PBSZ 0 and PROT P first");
            return null;
        }
        return channel;
    }

    /**
     * Waits for the data connection, announces the transfer with 150, runs the task on the data connection and
     * answers with its outcome. The returned future completes once the final reply is written.
     */
    static Future<Void> run(ControlConnection connection, DataChannel channel, String announcement,
                            Function<DataConnection, TransferTask> task, Function<Long, String> completion) {
        Session session = connection.session();
        Promise<Void> finished = Promise.promise();
        channel.connection(connection.services().config().ftp().dataConnectTimeout())
                .onFailure(failure -> {
                    channel.release();
                    ErrorReplies.reply(connection, failure).onComplete(v -> finished.complete());
                })
                .onSuccess(data -> connection.reply(ReplyCode.OPENING_DATA_CONNECTION, announcement).onComplete(v -> {
                    RunningTransfer running = RunningTransfer.start(data, task.apply(data), connection.context(),
                            connection.services().config().ftp().dataIdleTimeout());
                    session.transfer(running, finished.future());
                    running.outcome().onComplete(outcome -> {
                        channel.release();
                        session.transfer(null, null);
                        Future<Void> reply = outcome.succeeded()
                                ? connection.reply(ReplyCode.TRANSFER_COMPLETE, completion.apply(outcome.result()))
                                : ErrorReplies.replyToTransfer(connection, outcome.cause(), running.abortRequested());
                        reply.onComplete(r -> finished.complete());
                    });
                }));
        return finished.future();
    }
}
