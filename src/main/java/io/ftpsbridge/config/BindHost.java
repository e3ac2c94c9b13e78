package io.ftpsbridge.config;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

/**
 * The address the listeners bind to. The default {@code ::} takes IPv4 and IPv6 on one dual-stack socket, but a
 * host or JVM without IPv6 (kernel booted with {@code ipv6.disable=1}, {@code -Djava.net.preferIPv4Stack=true})
 * cannot bind it; there the default falls back to {@code 0.0.0.0} instead of stopping startup. An address set
 * explicitly is used as it is.
 */
public final class BindHost {

    private static final Logger LOG = Logger.getLogger(BindHost.class);
    private static final String DUAL_STACK = "::";
    private static volatile String resolvedDualStack;

    private BindHost() {
    }

    public static String of(String configured) {
        if (!DUAL_STACK.equals(configured.strip())) {
            return configured;
        }
        String resolved = resolvedDualStack;
        if (resolved == null) {
            resolved = ipv6Bindable() ? DUAL_STACK : "0.0.0.0";
            if (!resolved.equals(DUAL_STACK)) {
                LOG.infof("bridge.ftp.host is '::' but this host cannot bind IPv6: listening on 0.0.0.0 (IPv4 only)");
            }
            resolvedDualStack = resolved;
        }
        return resolved;
    }

    private static boolean ipv6Bindable() {
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.bind(new InetSocketAddress(DUAL_STACK, 0));
            return true;
        } catch (IOException | IllegalArgumentException | UnsupportedOperationException e) {
            // IllegalArgumentException: UnsupportedAddressTypeException, where the JVM has no IPv6 at all
            return false;
        }
    }
}
