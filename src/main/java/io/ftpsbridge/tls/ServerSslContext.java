package io.ftpsbridge.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNegotiator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSessionContext;
import java.util.List;
import java.util.Set;

/**
 * The Netty context Vert.x asks for on each listener: engines from the one JDK context of the process (so control
 * and data listeners share one session cache), wrapped to mark sessions, with the client-certificate policy and
 * the ALPN rule applied.
 */
final class ServerSslContext extends SslContext {

    /** The ALPN protocol id of FTP (IANA registry, RFC 7301). */
    static final String ALPN_FTP = "ftp";

    private final SslContext delegate;
    private final ClientCertificates clientCertificates;

    private ServerSslContext(SslContext delegate, ClientCertificates clientCertificates) {
        this.delegate = delegate;
        this.clientCertificates = clientCertificates;
    }

    /**
     * Server engines of {@code context} with {@code ciphers} (null or empty: the context's defaults) and
     * {@code protocols} (null: whatever the caller sets on each engine, as Vert.x does). ALPN is handled by
     * {@link #configure}, client certificates by {@code clientCertificates}, so Netty's are off.
     */
    static ServerSslContext of(SSLContext context, Set<String> ciphers, String[] protocols,
                               ClientCertificates clientCertificates) {
        JdkSslContext jdk = new JdkSslContext(context, false, ciphers == null || ciphers.isEmpty() ? null : ciphers,
                IdentityCipherSuiteFilter.INSTANCE, ApplicationProtocolConfig.DISABLED, ClientAuth.NONE, protocols, false);
        return new ServerSslContext(jdk, clientCertificates);
    }

    @Override
    public boolean isClient() {
        return false;
    }

    @Override
    public List<String> cipherSuites() {
        return delegate.cipherSuites();
    }

    @Override
    public ApplicationProtocolNegotiator applicationProtocolNegotiator() {
        return delegate.applicationProtocolNegotiator();
    }

    @Override
    public SSLEngine newEngine(ByteBufAllocator alloc) {
        return configure(delegate.newEngine(alloc));
    }

    @Override
    public SSLEngine newEngine(ByteBufAllocator alloc, String peerHost, int peerPort) {
        return configure(delegate.newEngine(alloc, peerHost, peerPort));
    }

    @Override
    public SSLSessionContext sessionContext() {
        return delegate.sessionContext();
    }

    private SSLEngine configure(SSLEngine engine) {
        // ALPACA (CVE-2021-3618): a client that names protocols must name FTP, or the handshake fails with
        // no_application_protocol (RFC 7301 §3.2), so an HTTPS or mail client cannot be talked into our port.
        engine.setHandshakeApplicationProtocolSelector((e, offered) -> offered.contains(ALPN_FTP) ? ALPN_FTP : null);
        clientCertificates.applyTo(engine);
        return new SessionMarkingEngine(engine);
    }
}
