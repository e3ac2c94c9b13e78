package io.ftpsbridge.datachannel;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * A transfer task running on its data connection's context, seen from the control connection: its outcome is
 * delivered on the control context, and abort may be asked for from there. The socket is closed at the end
 * either way.
 */
public final class RunningTransfer {

    private final DataConnection connection;
    private final TransferTask task;
    private final Promise<Long> outcome = Promise.promise();
    private volatile boolean abortRequested;

    private RunningTransfer(DataConnection connection, TransferTask task) {
        this.connection = connection;
        this.task = task;
    }

    /** Starts {@code task} on the data context; call from the control context. */
    public static RunningTransfer start(DataConnection connection, TransferTask task, Context control) {
        RunningTransfer transfer = new RunningTransfer(connection, task);
        connection.context().runOnContext(v -> connection.ready()
                .recover(e -> Future.failedFuture(new DataChannelException("TLS negotiation on the data connection failed", e)))
                .compose(ready -> transfer.abortRequested ? Future.failedFuture(new DataChannelException("transfer aborted"))
                        : task.start())
                .onComplete(done -> {
                    connection.socket().close();
                    control.runOnContext(x -> transfer.outcome.handle(done));
                }));
        return transfer;
    }

    public Future<Long> outcome() {
        return outcome.future();
    }

    /** Asks the task to stop; its outcome then fails. Call from the control context. */
    public void abort() {
        abortRequested = true;
        connection.context().runOnContext(v -> task.abort());
    }

    /** True once ABOR (or the end of the session) asked this transfer to stop. */
    public boolean abortRequested() {
        return abortRequested;
    }
}
