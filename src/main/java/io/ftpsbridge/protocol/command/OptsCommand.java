package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.HashAlgorithm;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.ReplyCode;
import io.ftpsbridge.protocol.Session;
import io.vertx.core.Future;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** OPTS (RFC 2389 §4): UTF8 (RFC 2640, always on), MLST fact selection (RFC 3659 §7.9) and the HASH algorithm. */
final class OptsCommand implements FtpCommand {

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        String[] parts = argument.strip().split("\\s+", 2);
        String option = parts[0].toUpperCase(Locale.ROOT);
        String value = parts.length > 1 ? parts[1].strip() : "";
        switch (option) {
            case "UTF8", "UTF-8" -> {
                if (value.isEmpty() || value.equalsIgnoreCase("ON")) {
                    return connection.reply(ReplyCode.OK, "UTF8 mode is always on");
                }
                return connection.reply(ReplyCode.NOT_IMPLEMENTED_FOR_PARAMETER, "UTF8 cannot be switched off: paths are UTF-8");
            }
            case "MLST" -> {
                Set<String> chosen = new LinkedHashSet<>();
                for (String fact : value.split(";")) {
                    String name = fact.strip().toLowerCase(Locale.ROOT);
                    if (Session.MLST_FACTS.contains(name)) {
                        chosen.add(name);
                    }
                }
                connection.session().mlstFacts(chosen);
                StringBuilder echo = new StringBuilder();
                chosen.forEach(f -> echo.append(f).append(';'));
                return connection.reply(ReplyCode.OK, "MLST OPTS " + echo);
            }
            case "HASH" -> {
                if (value.isEmpty()) {
                    return connection.reply(ReplyCode.OK, connection.session().hashAlgorithm().ftpName());
                }
                return HashAlgorithm.byName(value).map(algorithm -> {
                    connection.session().hashAlgorithm(algorithm);
                    return connection.reply(ReplyCode.OK, algorithm.ftpName());
                }).orElseGet(() -> connection.reply(ReplyCode.ARGUMENT_SYNTAX_ERROR,
                        "Unknown algorithm; choose SHA-256, SHA-1, MD5 or CRC32"));
            }
            default -> {
                return connection.reply(ReplyCode.ARGUMENT_SYNTAX_ERROR, "Unknown option; OPTS takes UTF8, MLST or HASH");
            }
        }
    }
}
