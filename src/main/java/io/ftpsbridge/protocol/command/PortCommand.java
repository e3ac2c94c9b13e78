package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ReplyCode;
import io.vertx.core.Future;

import java.net.InetAddress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PORT (RFC 959 §4.1.2) and EPRT (RFC 2428 §2): the bridge connects to the client for the next transfer. Off unless
 * {@code bridge.ftp.active-enabled}; and then only to the control connection's own address and never to a port
 * below 1024, so the bridge cannot be used to attack a third host (the FTP bounce attack, RFC 2577 §3).
 */
final class PortCommand implements FtpCommand {

    private static final Pattern PORT = Pattern.compile("(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3})");

    private final boolean extended;

    PortCommand(boolean extended) {
        this.extended = extended;
    }

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        String verb = extended ? "EPRT" : "PORT";
        if (!connection.services().config().ftp().activeEnabled()) {
            return connection.reply(ReplyCode.NOT_IMPLEMENTED,
                    "Active mode (" + verb + ") is turned off on this server; use EPSV or PASV");
        }
        if (connection.session().epsvAll()) {
            return connection.reply(ReplyCode.BAD_SEQUENCE, "EPSV ALL is in force: use EPSV");
        }
        String[] target = extended ? eprt(argument.strip()) : port(argument.strip());
        if (target == null) {
            return connection.reply(ReplyCode.ARGUMENT_SYNTAX_ERROR, extended
                    ? "Use EPRT |1|a.b.c.d|port| or EPRT |2|ipv6|port|" : "Use PORT h1,h2,h3,h4,p1,p2");
        }
        int port = Integer.parseInt(target[1]);
        if (port < 1024 || port > 65535) {
            return connection.reply(ReplyCode.ARGUMENT_SYNTAX_ERROR,
                    "Port " + port + " refused: only ports 1024 to 65535 (RFC 2577)");
        }
        if (!sameHost(target[0], connection.remoteAddress())) {
            return connection.reply(ReplyCode.ARGUMENT_SYNTAX_ERROR,
                    "Data connections go only to your own address, " + connection.remoteAddress() + " (RFC 2577)");
        }
        connection.session().dataChannel(connection.services().activeConnector().channel(connection.context(),
                connection.remoteAddress(), port, connection.session().protectData(), connection::dataSessionRefusal));
        return connection.reply(ReplyCode.OK, verb + " command successful");
    }

    private static String[] port(String argument) {
        Matcher m = PORT.matcher(argument);
        if (!m.matches()) {
            return null;
        }
        for (int i = 1; i <= 6; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return null;
            }
        }
        String host = m.group(1) + "." + m.group(2) + "." + m.group(3) + "." + m.group(4);
        return new String[]{host, String.valueOf(Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6)))};
    }

    /** RFC 2428 §2: a delimiter, the address family (1 IPv4, 2 IPv6), the address, the port, the delimiter. */
    private static String[] eprt(String argument) {
        if (argument.length() < 7) {
            return null;
        }
        String delimiter = String.valueOf(argument.charAt(0));
        String[] parts = argument.substring(1).split(Pattern.quote(delimiter), -1);
        if (parts.length != 4 || !parts[3].isEmpty() || !(parts[0].equals("1") || parts[0].equals("2"))
                || !parts[2].matches("\\d{1,5}")) {
            return null;
        }
        boolean v4 = parts[0].equals("1");
        if (v4 ? !parts[1].matches("\\d{1,3}(\\.\\d{1,3}){3}") : !(parts[1].matches("[0-9A-Fa-f:.]+") && parts[1].contains(":"))) {
            return null;
        }
        return new String[]{parts[1], parts[2]};
    }

    /** Compares addresses, not spellings (an IPv6 address has many); literals only, nothing is looked up. */
    private static boolean sameHost(String given, String control) {
        try {
            return InetAddress.getByName(given).equals(InetAddress.getByName(control));
        } catch (Exception e) {
            return false;
        }
    }
}
