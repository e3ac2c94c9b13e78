package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.ReplyCode;
import io.vertx.core.Future;

import java.util.Locale;

/** HELP (RFC 959 §4.1.3): the verbs this server implements, or whether one verb is among them. */
final class HelpCommand implements FtpCommand {

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        CommandTable table = connection.services().commands();
        String verb = argument.strip().toUpperCase(Locale.ROOT);
        if (!verb.isEmpty()) {
            CommandTable.Spec spec = table.find(verb);
            return spec == null
                    ? connection.reply(ReplyCode.NOT_IMPLEMENTED, "Unknown command " + verb)
                    : connection.reply(ReplyCode.HELP, verb + ": " + spec.help());
        }
        StringBuilder text = new StringBuilder("The following commands are recognized:\n");
        int column = 0;
        for (String v : table.verbs()) {
            text.append(String.format(Locale.ROOT, "%-6s", v));
            if (++column % 12 == 0) {
                text.append('\n');
            }
        }
        if (column % 12 != 0) {
            text.append('\n');
        }
        text.append("Help OK");
        return connection.reply(ReplyCode.HELP, text.toString());
    }
}
