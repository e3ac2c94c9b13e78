package io.ftpsbridge.protocol.command;

import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.datachannel.AdvertisedAddress;
import io.ftpsbridge.datachannel.DataChannelException;
import io.ftpsbridge.datachannel.PassiveDataChannel;
import io.ftpsbridge.datachannel.PassivePortPool;
import io.ftpsbridge.protocol.ControlConnection;
import io.ftpsbridge.protocol.ReplyCode;
import io.vertx.core.Future;

/** PASV (RFC 959 §4.1.1) and EPSV (RFC 2428 §3): a port from the pool that waits for this client. */
final class PasvCommand implements FtpCommand {

    private final boolean extended;
    private final AdvertisedAddress advertised;

    PasvCommand(boolean extended, AdvertisedAddress advertised) {
        this.extended = extended;
        this.advertised = advertised;
    }

    @Override
    public Future<Void> execute(ControlConnection connection, String argument) {
        String arg = argument.strip();
        if (extended && arg.equalsIgnoreCase("ALL")) {
            // RFC 2428 §4: from now on only EPSV may set up data connections.
            connection.session().epsvAll(true);
            return connection.reply(ReplyCode.OK, "EPSV ALL ok");
        }
        if (extended && !arg.isEmpty() && !arg.equals("1") && !arg.equals("2")) {
            return connection.reply(ReplyCode.NETWORK_PROTOCOL_NOT_SUPPORTED, "Network protocol not supported, use (1,2)");
        }
        if (!extended && connection.session().epsvAll()) {
            return connection.reply(ReplyCode.BAD_SEQUENCE, "EPSV ALL is in force: use EPSV");
        }
        connection.session().dataChannel(null);
        if (extended) {
            return open(connection).compose(channel -> connection.reply(ReplyCode.EXTENDED_PASSIVE_MODE,
                    "Entering Extended Passive Mode (|||" + channel.port() + "|)"));
        }
        return advertised.ipv4(connection.localAddress()).compose(ip -> open(connection).compose(channel -> {
            int port = channel.port();
            return connection.reply(ReplyCode.PASSIVE_MODE, "Entering Passive Mode ("
                    + ip.replace('.', ',') + "," + (port >> 8) + "," + (port & 0xff) + ")");
        }));
    }

    private static Future<PassiveDataChannel> open(ControlConnection connection) {
        PassivePortPool pool = connection.services().passivePorts();
        // Just after startup the passive ports may still be being bound: the port is given once they listen.
        return Future.fromCompletionStage(pool.listening(), connection.context())
                .recover(failure -> Future.failedFuture(new DataChannelException("the passive ports are not listening")))
                .compose(listening -> PassiveDataChannel.open(pool, connection.context(), connection.remoteAddress(),
                                connection.session().protectData(), connection::dataSessionRefusal)
                        .map(channel -> {
                            connection.session().dataChannel(channel);
                            return Future.succeededFuture(channel);
                        })
                        .orElseGet(() -> Future.failedFuture(new DataChannelException(
                                "all passive ports are in use; try again shortly"))));
    }
}
