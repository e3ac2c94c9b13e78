package io.ftpsbridge.protocol;

import io.vertx.core.Future;

/** One FTP verb. It writes its own replies; the future completes when the command is done, transfers included. */
@FunctionalInterface
public interface FtpCommand {

    Future<Void> execute(ControlConnection connection, String argument);
}
