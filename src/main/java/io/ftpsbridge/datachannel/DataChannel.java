package io.ftpsbridge.datachannel;

import io.vertx.core.Future;

import java.time.Duration;

/** How a session gets its data connection; passive today, active mode later, both behind this contract. */
public interface DataChannel {

    /** The connection, once the client has opened it (and finished TLS when required), or a failure after the timeout. */
    Future<DataConnection> connection(Duration timeout);

    /** Gives up the channel: its port returns to the pool and an unused connection is closed. */
    void release();
}
