package io.ftpsbridge.protocol.command;

import io.ftpsbridge.auth.Permission;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.ReplyCode;
import io.vertx.core.Future;

/** Refuses a command the user's {@code permissions} do not allow, with 550 and the reason. */
final class PermissionCheck {

    private PermissionCheck() {
    }

    /** Null when allowed; otherwise the future of the 550 reply. */
    static Future<Void> refuse(ControlConnection connection, Permission needed) {
        if (connection.session().user().may(needed)) {
            return null;
        }
        return connection.reply(ReplyCode.FILE_UNAVAILABLE,
                "Permission denied: user " + connection.session().user().name() + " may not " + needed.configName());
    }
}
