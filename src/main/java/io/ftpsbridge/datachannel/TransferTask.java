package io.ftpsbridge.datachannel;

import io.vertx.core.Future;

/** One use of a data connection: a download, an upload or a listing. Both methods run on the connection's context. */
public interface TransferTask {

    /** Starts moving bytes; completes with the byte count when all of them arrived where they go. */
    Future<Long> start();

    /** Bytes moved so far; a transfer whose count stops changing is stalled. */
    long progress();

    /** Stops at once and leaves nothing half-done behind; the started future fails. */
    void abort();
}
