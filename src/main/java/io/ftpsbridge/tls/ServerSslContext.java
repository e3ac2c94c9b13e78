package io.ftpsbridge.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolNegotiator;
import io.netty.handler.ssl.SslContext;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSessionContext;
import java.util.List;
import java.util.Set;

/**
 * The Netty context Vert.x asks for on each listener: engines from the one JDK context of the process (so control
 * and data listeners share one session cache), wrapped to mark sessions, with the cipher suites, the
 * client-certificate policy and the ALPN rule applied.
 *
 * <p>The engines come straight from the JDK context rather than through Netty's {@code JdkSslContext}, whose
 * class initialisation builds a default JDK context of its own and loads the JDK's CA store for it: 60 ms of a
 * 2-core machine's startup, for trust anchors a server never uses.
 */
final class ServerSslContext extends SslContext {

    /** The ALPN protocol id of FTP (IANA registry, RFC 7301). */
    static final String ALPN_FTP = "ftp";

    private final SSLContext context;
    private final String[] ciphers;
    private final String[] protocols;
    private final ClientCertificates clientCertificates;

    private ServerSslContext(SSLContext context, String[] ciphers, String[] protocols,
                             ClientCertificates clientCertificates) {
        this.context = context;
        this.ciphers = ciphers;
        this.protocols = protocols;
        this.clientCertificates = clientCertificates;
    }

    /**
     * Server engines of {@code context} with {@code ciphers} (null or empty: the context's defaults) and
     * {@code protocols} (null: whatever the caller sets on each engine, as Vert.x does). ALPN is handled by
     * {@link #configure}, client certificates by {@code clientCertificates}.
     */
    static ServerSslContext of(SSLContext context, Set<String> ciphers, String[] protocols,
                               ClientCertificates clientCertificates) {
        return new ServerSslContext(context, ciphers == null || ciphers.isEmpty() ? null : ciphers.toArray(String[]::new),
                protocols == null ? null : protocols.clone(), clientCertificates);
    }

    @Override
    public boolean isClient() {
        return false;
    }

    @Override
    public List<String> cipherSuites() {
        return List.of(ciphers != null ? ciphers : context.getDefaultSSLParameters().getCipherSuites());
    }

    @Override
    public ApplicationProtocolNegotiator applicationProtocolNegotiator() {
        // Netty's negotiation is off: configure() selects the protocol (no protocols to advertise).
        return () -> List.of();
    }

    @Override
    public SSLEngine newEngine(ByteBufAllocator alloc) {
        return configure(context.createSSLEngine());
    }

    @Override
    public SSLEngine newEngine(ByteBufAllocator alloc, String peerHost, int peerPort) {
        return configure(context.createSSLEngine(peerHost, peerPort));
    }

    @Override
    public SSLSessionContext sessionContext() {
        return context.getServerSessionContext();
    }

    private SSLEngine configure(SSLEngine engine) {
        engine.setUseClientMode(false);
        if (ciphers != null) {
            engine.setEnabledCipherSuites(ciphers);
        }
        if (protocols != null) {
            engine.setEnabledProtocols(protocols);
        }
        // ALPACA (CVE-2021-3618): a client that names protocols must name FTP, or the handshake fails with
        // no_application_protocol (RFC 7301 §3.2), so an HTTPS or mail client cannot be talked into our port.
        engine.setHandshakeApplicationProtocolSelector((e, offered) -> offered.contains(ALPN_FTP) ? ALPN_FTP : null);
        clientCertificates.applyTo(engine);
        return new SessionMarkingEngine(engine);
    }
}
