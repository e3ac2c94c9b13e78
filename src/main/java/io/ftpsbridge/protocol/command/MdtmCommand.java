package io.ftpsbridge.protocol.command;

import io.ftpsbridge.auth.Permission;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ReplyCode;
import io.ftpsbridge.protocol.listing.MachineListFormat;
import io.ftpsbridge.vfs.VirtualPath;
import io.vertx.core.Future;

import java.util.regex.Matcher;

/**
 * MDTM (RFC 3659 §3): a file's modification time, the one set with MFMT where there is one, else when S3 wrote it.
 *
 * <p>Some clients set the time with {@code MDTM YYYYMMDDHHMMSS <file>}. That form is taken as MFMT (and needs the
 * write permission) only when the whole argument does not name an existing file or directory, as vsftpd decides it
 * ({@code mdtm_write}): a file called {@code 20240101120000 notes.txt} is still only read.
 */
final class MdtmCommand implements FtpCommand {

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        VirtualPath path = connection.session().resolve(argument);
        if (path.isRoot()) {
            return connection.reply(ReplyCode.FILE_UNAVAILABLE, "/: not a plain file");
        }
        Matcher setting = MfmtCommand.TIME_AND_PATH.matcher(argument);
        return Future.fromCompletionStage(connection.session().fileSystem().stat(path), connection.context())
                .compose(entry -> {
                    if (entry.isEmpty() && setting.matches()) {
                        if (!connection.session().user().may(Permission.WRITE)) {
                            return connection.replyDenied(Permission.WRITE);
                        }
                        return MfmtCommand.set(connection, setting.group(1), setting.group(2));
                    }
                    if (entry.isEmpty()) {
                        return connection.reply(ReplyCode.FILE_UNAVAILABLE, path + ": no such file");
                    }
                    if (entry.get().directory()) {
                        return connection.reply(ReplyCode.FILE_UNAVAILABLE, path + ": not a plain file");
                    }
                    return connection.reply(ReplyCode.FILE_STATUS, MachineListFormat.MODIFY.format(entry.get().modified()));
                });
    }
}
