package io.ftpsbridge.tls;

import io.ftpsbridge.config.BridgeConfig;
import io.ftpsbridge.config.ConfigurationException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.impl.NetSocketInternal;
import io.vertx.core.net.PemTrustOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The server's TLS: certificate and key from {@code bridge.tls.cert-file}/{@code key-file} (or generated
 * self-signed in memory), reloaded when the files change, and one JDK context shared by every listener, control
 * and data, so a data connection can resume its control connection's session.
 */
@ApplicationScoped
public class TlsMaterial {

    private static final Logger LOG = Logger.getLogger(TlsMaterial.class);
    private static final Set<String> SUPPORTED_PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");
    /** How long a client has for a TLS handshake: Vert.x's 10 s is short when hundreds connect at once to a busy bridge. */
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final BridgeConfig.Tls settings;
    private final KeyCertOptions keyCert;
    private final Set<String> controlProtocols;
    private final Set<String> dataProtocols;
    private final Set<String> ciphers;
    private final ClientCertificates clientCertificates;
    private final SessionReuse sessionReuse;
    private final ReloadableKeyManager keyManager;
    private final ServerSslEngineOptions engineOptions;
    private final ServerSslContext dataContext;
    private volatile String fingerprint;
    private byte[] loadedFiles;
    private long reloadTimer = -1;

    public TlsMaterial(BridgeConfig config, Vertx vertx) {
        this.vertx = vertx;
        this.settings = config.tls();
        Set<String> protocols = protocols(settings.protocols());
        this.clientCertificates = ClientCertificates.parse(settings.clientAuth());
        this.sessionReuse = SessionReuse.parse(settings.sessionReuse());
        // TLS 1.3 servers send session tickets right after the handshake; an uploading client never reads them, so
        // its close turns into a TCP reset that can destroy the last bytes in flight. Data connections therefore
        // use TLS 1.2 when it is enabled. A session cannot be resumed in another TLS version, and the JDK's TLS 1.3
        // tickets are single-use while FTP clients resume the control session for every transfer, so while data
        // connections must resume it the control connection speaks TLS 1.2 as well.
        this.dataProtocols = protocols.contains("TLSv1.2") ? Set.of("TLSv1.2") : protocols;
        this.controlProtocols = sessionReuse == SessionReuse.OFF ? protocols : dataProtocols;
        if (!controlProtocols.equals(protocols)) {
            LOG.infof("bridge.tls.session-reuse is %s: TLS 1.2 only, so that data connections can resume the control "
                    + "connection's session", sessionReuse.name().toLowerCase(Locale.ROOT));
        }
        // Renegotiation adds attack surface and nothing an FTP client needs.
        System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
        // TLS 1.2 stateless tickets do not carry a session's bound values, so a session resumed from one would
        // lose its SessionOwner mark; with tickets off, TLS 1.2 resumes from the server's session cache.
        System.setProperty("jdk.tls.server.enableSessionTicketExtension", "false");
        PemCredentials credentials;
        if (settings.certFile().isEmpty() && settings.keyFile().isEmpty()) {
            credentials = SelfSignedCertificate.generate("localhost");
        } else {
            Path certFile = settings.certFile().orElseThrow(() -> new ConfigurationException("bridge.tls.cert-file",
                    "is missing: bridge.tls.key-file is set, so the certificate must be set too"));
            Path keyFile = settings.keyFile().orElseThrow(() -> new ConfigurationException("bridge.tls.key-file",
                    "is missing: bridge.tls.cert-file is set, so the key must be set too"));
            Buffer cert = read("bridge.tls.cert-file", certFile);
            Buffer key = read("bridge.tls.key-file", keyFile);
            loadedFiles = concat(cert, key);
            credentials = PemCredentials.parse(cert, key);
        }
        this.fingerprint = fingerprint(credentials);
        this.keyManager = new ReloadableKeyManager(credentials);
        // Vert.x insists on key material for a TLS listener; the handshakes themselves use the shared context.
        this.keyCert = KeyCertOptions.wrap(keyManager);
        // No trust file, no client certificates: an empty list keeps the JDK from loading its CA store for nothing.
        SSLContext context = context(keyManager, trustManagers().orElse(new TrustManager[0]));
        this.ciphers = ciphers(settings.ciphers(), context);
        this.engineOptions = new ServerSslEngineOptions(context, clientCertificates);
        this.dataContext = ServerSslContext.of(context, ciphers, dataProtocols.toArray(String[]::new),
                clientCertificates);
        if (settings.certFile().isEmpty()) {
            LOG.warnf("No bridge.tls.cert-file configured: using a generated self-signed certificate, SHA-256 fingerprint %s",
                    fingerprint);
        } else {
            LOG.infof("TLS certificate loaded, SHA-256 fingerprint %s", fingerprint);
        }
    }

    /** SHA-256 fingerprint of the server certificate, colon-separated hex as browsers and curl show it. */
    public String fingerprint() {
        return fingerprint;
    }

    /** The data-connection policy of {@code bridge.tls.session-reuse}. */
    public SessionReuse sessionReuse() {
        return sessionReuse;
    }

    /** Puts the key, certificate and protocol versions on a control listener; {@code ssl} decides TLS from the first byte. */
    public NetServerOptions applyTo(NetServerOptions options) {
        options.setKeyCertOptions(keyCert);
        options.setSslEngineOptions(engineOptions);
        options.setEnabledSecureTransportProtocols(controlProtocols);
        options.setSslHandshakeTimeout(HANDSHAKE_TIMEOUT.toSeconds()).setSslHandshakeTimeoutUnit(TimeUnit.SECONDS);
        ciphers.forEach(options::addEnabledCipherSuite);
        return options;
    }

    /**
     * Runs the server side of TLS on a data connection (PROT P; in active mode the client stays the TLS client,
     * RFC 4217 §7). The handler from the shared context goes into the channel pipeline directly: Vert.x can start
     * client-side TLS only on a socket it connected, and server-side only on a listener that built TLS of its own,
     * which for 200 passive listeners took a fifth of the bridge's startup. Netty's SslHandler sends close_notify on
     * close and reports the client's. Completes with the session once handshaken.
     */
    public Future<SSLSession> startServerTls(NetSocket socket, Duration timeout) {
        ChannelHandlerContext channel = ((NetSocketInternal) socket).channelHandlerContext();
        SslHandler handler = dataContext.newHandler(channel.alloc());
        handler.setHandshakeTimeoutMillis(Math.max(1, timeout.toMillis()));
        Promise<SSLSession> handshaken = Promise.promise();
        handler.handshakeFuture().addListener(done -> {
            if (done.isSuccess()) {
                handshaken.tryComplete(handler.engine().getSession());
            } else {
                handshaken.tryFail(done.cause());
            }
        });
        channel.pipeline().addFirst("ssl", handler);
        // The socket is paused until a transfer takes it; the handshake still needs the client's first flight.
        channel.channel().read();
        return handshaken.future();
    }

    /**
     * Starts checking the certificate and key files every {@code bridge.tls.reload-interval}, so a rotated
     * Kubernetes Secret takes effect for new handshakes without a restart; sessions already open keep theirs.
     */
    public void watchFiles() {
        long millis = settings.reloadInterval().toMillis();
        if (loadedFiles == null || millis <= 0) {
            return;
        }
        reloadTimer = vertx.setPeriodic(millis, id -> vertx.executeBlocking(() -> {
            reloadIfChanged();
            return null;
        }, false));
    }

    public void stopWatching() {
        if (reloadTimer >= 0) {
            vertx.cancelTimer(reloadTimer);
            reloadTimer = -1;
        }
    }

    /** Loads the files again when their bytes changed; a broken pair is logged and the current one kept. */
    synchronized void reloadIfChanged() {
        Path certFile = settings.certFile().orElseThrow();
        Path keyFile = settings.keyFile().orElseThrow();
        try {
            Buffer cert = Buffer.buffer(Files.readAllBytes(certFile));
            Buffer key = Buffer.buffer(Files.readAllBytes(keyFile));
            byte[] both = concat(cert, key);
            if (Arrays.equals(both, loadedFiles)) {
                return;
            }
            PemCredentials next = PemCredentials.parse(cert, key);
            String newFingerprint = fingerprint(next);
            keyManager.swap(next);
            loadedFiles = both;
            fingerprint = newFingerprint;
            LOG.infof("TLS certificate reloaded from %s, SHA-256 fingerprint %s", certFile, newFingerprint);
        } catch (Exception e) {
            // Secret rotation writes the two files one after the other: a half-written pair is retried next time.
            LOG.warnf("TLS certificate not reloaded, keeping the current one: %s", e.getMessage());
        }
    }

    private static SSLContext context(KeyManager keys, TrustManager[] trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[]{keys}, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java runtime cannot create a TLS context", e);
        }
    }

    /** Trust anchors for client certificates ({@code bridge.tls.trust-file}); required when clients are asked for one. */
    private Optional<TrustManager[]> trustManagers() {
        if (settings.trustFile().isEmpty()) {
            if (clientCertificates != ClientCertificates.NONE) {
                throw new ConfigurationException("bridge.tls.trust-file",
                        "is missing: bridge.tls.client-auth is " + settings.clientAuth()
                                + ", so the CA certificates that sign client certificates must be given (PEM)");
            }
            return Optional.empty();
        }
        Buffer pem = read("bridge.tls.trust-file", settings.trustFile().get());
        try {
            return Optional.of(new PemTrustOptions().addCertValue(pem).getTrustManagerFactory(vertx).getTrustManagers());
        } catch (Exception e) {
            throw new ConfigurationException("bridge.tls.trust-file", "holds no PEM X.509 certificate that can be used: "
                    + e.getMessage());
        }
    }

    private static byte[] concat(Buffer a, Buffer b) {
        return a.copy().appendBuffer(b).getBytes();
    }

    private static Set<String> protocols(List<String> configured) {
        Set<String> result = new LinkedHashSet<>();
        for (String p : configured) {
            if (!SUPPORTED_PROTOCOLS.contains(p.trim())) {
                throw new ConfigurationException("bridge.tls.protocols",
                        "has '" + p + "': only TLSv1.2 and TLSv1.3 are allowed");
            }
            result.add(p.trim());
        }
        return result;
    }

    private static Set<String> ciphers(List<String> configured, SSLContext context) {
        // From an engine: getSupportedSSLParameters() makes a socket, loading the JDK's SSLSocket classes for nothing.
        Set<String> supported = Set.of(context.createSSLEngine().getSupportedCipherSuites());
        Set<String> result = new LinkedHashSet<>();
        for (String c : configured) {
            String name = c.trim();
            if (!supported.contains(name)) {
                throw new ConfigurationException("bridge.tls.ciphers", "has '" + name + "', which this Java runtime does not support");
            }
            result.add(name);
        }
        if (result.isEmpty()) {
            throw new ConfigurationException("bridge.tls.ciphers", "must name at least one cipher suite");
        }
        return result;
    }

    private static Buffer read(String key, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException(key, "points to " + file + ", which does not exist or is not a file");
        }
        try {
            return Buffer.buffer(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ConfigurationException(key, "points to " + file + ", which cannot be read: " + e.getMessage());
        }
    }

    private static String fingerprint(PemCredentials credentials) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(credentials.chain()[0].getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java runtime has no SHA-256", e);
        }
    }
}
