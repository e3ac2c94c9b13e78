package io.ftpsbridge.tls;

import io.netty.handler.ssl.SslContext;
import io.vertx.core.net.SSLEngineOptions;
import io.vertx.core.spi.tls.SslContextFactory;

import javax.net.ssl.SSLContext;
import java.util.Set;

/**
 * Vert.x's hook for the TLS engine of a listener: every listener gets engines of one shared JDK context instead
 * of a context of its own. Key material comes from that context's key manager, which follows certificate
 * reloads, so what Vert.x passes as key and trust factories is not used.
 */
final class ServerSslEngineOptions extends SSLEngineOptions {

    private final SSLContext context;
    private final ClientCertificates clientCertificates;

    ServerSslEngineOptions(SSLContext context, ClientCertificates clientCertificates) {
        this.context = context;
        this.clientCertificates = clientCertificates;
    }

    @Override
    public SSLEngineOptions copy() {
        return new ServerSslEngineOptions(context, clientCertificates);
    }

    @Override
    public SslContextFactory sslContextFactory() {
        return new SslContextFactory() {
            private Set<String> ciphers;

            @Override
            public SslContextFactory enabledCipherSuites(Set<String> enabledCipherSuites) {
                this.ciphers = enabledCipherSuites;
                return this;
            }

            @Override
            public SslContext create() {
                return ServerSslContext.of(context, ciphers, null, clientCertificates);
            }
        };
    }
}
