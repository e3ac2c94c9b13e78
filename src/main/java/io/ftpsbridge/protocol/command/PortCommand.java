package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.ReplyCode;
import io.vertx.core.Future;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PORT (RFC 959 §4.1.2) and EPRT (RFC 2428 §2): the bridge connects to the client for the next transfer. Off unless
 * {@code bridge.ftp.active-enabled}; and then only to the control connection's own address and never to a port
 * below 1024, so the bridge cannot be used to attack a third host (the FTP bounce attack, RFC 2577 §3). So the data
 * connection uses the control connection's address family: PORT and EPRT |1| over IPv4, EPRT |2| over IPv6.
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
        String family = isIpv6(connection.remoteAddress()) ? "2" : "1";
        if (!target[2].equals(family)) {
            // RFC 2428 §2: 522 names the protocols the server would take, here the control connection's alone.
            return connection.reply(ReplyCode.NETWORK_PROTOCOL_NOT_SUPPORTED, extended
                    ? "Network protocol not supported, use (" + family + ")"
                    : "Network protocol not supported: PORT carries IPv4 only, use EPRT |2|");
        }
        int port = Integer.parseInt(target[1]);
        if (port > 65535) {
            return connection.reply(ReplyCode.ARGUMENT_SYNTAX_ERROR, "Port " + port + " does not exist");
        }
        // RFC 2577 §3 suggests 504 for a port below 1024; a well-formed address the bridge will not dial is the same.
        if (port < 1024) {
            return connection.reply(ReplyCode.NOT_IMPLEMENTED_FOR_PARAMETER,
                    "Port " + port + " refused: only ports 1024 to 65535 (RFC 2577)");
        }
        if (!sameHost(target[0], connection.remoteAddress())) {
            return connection.reply(ReplyCode.NOT_IMPLEMENTED_FOR_PARAMETER,
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
        return new String[]{host, String.valueOf(Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6))), "1"};
    }

    /**
     * RFC 2428 §2: a delimiter, the address family (1 IPv4, 2 IPv6), the address, the port, the delimiter. Returns the
     * address, the port and the family.
     */
    private static String[] eprt(String argument) {
        if (argument.length() < 7) {
            return null;
        }
        String delimiter = String.valueOf(argument.charAt(0));
        String[] parts = argument.substring(1).split(Pattern.quote(delimiter), -1);
        if (parts.length != 4 || !parts[3].isEmpty() || !parts[0].matches("\\d{1,3}") || !parts[2].matches("\\d{1,5}")) {
            return null;
        }
        // Another family's address is not checked: it gets 522 whatever it is.
        if (parts[0].equals("1") && !parts[1].matches("\\d{1,3}(\\.\\d{1,3}){3}")
                || parts[0].equals("2") && !(parts[1].matches("[0-9A-Fa-f:.]+") && parts[1].contains(":"))) {
            return null;
        }
        return new String[]{parts[1], parts[2], parts[0]};
    }

    /** The control connection's address is a literal (from the socket), so nothing is looked up. */
    private static boolean isIpv6(String address) {
        try {
            return InetAddress.getByName(address) instanceof Inet6Address;
        } catch (Exception e) {
            return false;
        }
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
