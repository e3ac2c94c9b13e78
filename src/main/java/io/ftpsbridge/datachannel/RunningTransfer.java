package io.ftpsbridge.datachannel;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.time.Duration;

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
    private boolean stalled;

    private RunningTransfer(DataConnection connection, TransferTask task) {
        this.connection = connection;
        this.task = task;
    }

    /**
     * Starts {@code task} on the data context; call from the control context. A task that moves no byte for
     * {@code idleTimeout} (a client that stopped sending or reading, a store that stopped answering) is aborted.
     */
    public static RunningTransfer start(DataConnection connection, TransferTask task, Context control, Duration idleTimeout) {
        RunningTransfer transfer = new RunningTransfer(connection, task);
        connection.context().runOnContext(v -> {
            long watchdog = transfer.watch(idleTimeout);
            connection.ready()
                    .recover(e -> Future.failedFuture(e instanceof DataProtectionException ? e
                            : new DataChannelException("TLS negotiation on the data connection failed", e)))
                    .compose(ready -> transfer.abortRequested ? Future.failedFuture(new DataChannelException("transfer aborted"))
                            : task.start())
                    .recover(e -> Future.failedFuture(transfer.stalled
                            ? new DataChannelException("no data moved for " + idleTimeout.toSeconds() + " seconds", e) : e))
                    .onComplete(done -> {
                        connection.context().owner().cancelTimer(watchdog);
                        connection.socket().close();
                        control.runOnContext(x -> transfer.outcome.handle(done));
                    });
        });
        return transfer;
    }

    /** Checks progress a few times per timeout; runs on the data context. */
    private long watch(Duration idleTimeout) {
        long timeoutNanos = idleTimeout.toNanos();
        long[] last = {-1, System.nanoTime()};
        return connection.context().owner().setPeriodic(Math.max(100, idleTimeout.toMillis() / 4), id -> {
            long progress = task.progress();
            long now = System.nanoTime();
            if (progress != last[0]) {
                last[0] = progress;
                last[1] = now;
            } else if (now - last[1] > timeoutNanos && !stalled) {
                stalled = true;
                task.abort();
            }
        });
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
