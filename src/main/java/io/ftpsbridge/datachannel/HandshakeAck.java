package io.ftpsbridge.datachannel;

import io.netty.channel.ChannelException;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.impl.NetSocketInternal;
import jdk.net.ExtendedSocketOptions;

import java.net.SocketOption;

/**
 * Acknowledges the client's last handshake flight at once. A data connection resumes the control connection's
 * TLS session ({@code bridge.tls.session-reuse}), and in a resumed TLS 1.2 handshake the client speaks last (its
 * Finished). With nothing to send back, Linux delays the ACK by up to 40 ms, and a client without TCP_NODELAY
 * (Python's ftplib, for one) holds its first data segment behind that ACK (Nagle): 40 ms lost on every upload.
 * TCP_QUICKACK sends the pending ACK now; where the platform lacks it, nothing changes.
 */
final class HandshakeAck {

    private static final ChannelOption<Boolean> QUICK_ACK = quickAck();

    private HandshakeAck() {
    }

    /** Call once the handshake on {@code socket} has completed. */
    static void sendNow(NetSocket socket) {
        if (QUICK_ACK != null && socket instanceof NetSocketInternal internal) {
            try {
                internal.channelHandlerContext().channel().config().setOption(QUICK_ACK, true);
            } catch (ChannelException closedMeanwhile) {
                // Only a speed-up: the transfer finds out about the socket by itself.
            }
        }
    }

    private static ChannelOption<Boolean> quickAck() {
        try {
            SocketOption<Boolean> option = ExtendedSocketOptions.TCP_QUICKACK;
            return NioChannelOption.of(option);
        } catch (LinkageError unavailable) {
            return null;
        }
    }
}
