package io.ftpsbridge.datachannel;

import io.ftpsbridge.config.BridgeConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * The IPv4 address put in PASV replies: {@code bridge.ftp.passive-address} (an address, or a host name looked
 * up on each PASV so that a load balancer's changing address is followed), else the address the client reached
 * the control connection on.
 */
@ApplicationScoped
public class AdvertisedAddress {

    private final Optional<String> configured;
    private final Vertx vertx;

    public AdvertisedAddress(BridgeConfig config, Vertx vertx) {
        this.configured = config.ftp().passiveAddress().map(String::strip).filter(s -> !s.isEmpty());
        this.vertx = vertx;
    }

    /** The IPv4 address to advertise, or a failure when there is none (an IPv6-only control connection). */
    public Future<String> ipv4(String controlLocalAddress) {
        String name = configured.orElse(controlLocalAddress);
        if (name.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return Future.succeededFuture(name);
        }
        if (name.startsWith("::ffff:") && name.substring(7).matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return Future.succeededFuture(name.substring(7));
        }
        if (configured.isEmpty()) {
            return Future.failedFuture(new DataChannelException("PASV needs IPv4; use EPSV on this IPv6 connection"));
        }
        return vertx.executeBlocking(() -> {
            for (InetAddress address : InetAddress.getAllByName(name)) {
                if (address instanceof Inet4Address) {
                    return address.getHostAddress();
                }
            }
            throw new DataChannelException("bridge.ftp.passive-address " + name + " has no IPv4 address");
        }, false);
    }
}
