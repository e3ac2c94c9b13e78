package io.ftpsbridge.tls;

import io.ftpsbridge.config.BridgeConfig;
import io.ftpsbridge.config.ConfigurationException;
import io.smallrye.certs.CertificateGenerator;
import io.smallrye.certs.CertificateRequest;
import io.smallrye.certs.Format;
import io.smallrye.certs.PemCertificateFiles;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The server's certificate and key, loaded once at startup from {@code bridge.tls.cert-file}/{@code key-file}
 * or, when neither is set, generated self-signed in memory. Applied to every listener, control and data.
 */
@ApplicationScoped
public class TlsMaterial {

    private static final Logger LOG = Logger.getLogger(TlsMaterial.class);
    private static final Set<String> SUPPORTED_PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

    private final KeyCertOptions keyCert;
    private final Set<String> protocols;
    private final Set<String> ciphers;
    private final String fingerprint;

    public TlsMaterial(BridgeConfig config, Vertx vertx) {
        BridgeConfig.Tls tls = config.tls();
        this.protocols = protocols(tls.protocols());
        this.ciphers = ciphers(tls.ciphers());
        // Renegotiation adds attack surface and nothing an FTP client needs.
        System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
        Buffer cert;
        Buffer key;
        if (tls.certFile().isEmpty() && tls.keyFile().isEmpty()) {
            Buffer[] generated = generateSelfSigned();
            cert = generated[0];
            key = generated[1];
        } else {
            Path certFile = tls.certFile().orElseThrow(() -> new ConfigurationException("bridge.tls.cert-file",
                    "is missing: bridge.tls.key-file is set, so the certificate must be set too"));
            Path keyFile = tls.keyFile().orElseThrow(() -> new ConfigurationException("bridge.tls.key-file",
                    "is missing: bridge.tls.cert-file is set, so the key must be set too"));
            cert = read("bridge.tls.cert-file", certFile);
            key = read("bridge.tls.key-file", keyFile);
        }
        this.fingerprint = fingerprint(cert);
        try {
            // Built once and shared: every listener (control and each passive port) reuses this key manager
            // instead of parsing the PEM again.
            KeyManagerFactory keyManagers = new PemKeyCertOptions().setCertValue(cert).setKeyValue(key)
                    .getKeyManagerFactory(vertx);
            this.keyCert = KeyCertOptions.wrap(keyManagers);
        } catch (Exception e) {
            throw new ConfigurationException("bridge.tls.key-file",
                    "could not be loaded with its certificate (PEM RSA or EC key, PKCS#1, SEC1 or PKCS#8 expected): "
                            + e.getMessage());
        }
        if (tls.certFile().isEmpty()) {
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

    /** Puts the key, certificate and protocol versions on a listener; {@code ssl} decides TLS from the first byte. */
    public NetServerOptions applyTo(NetServerOptions options) {
        options.setKeyCertOptions(keyCert);
        options.setEnabledSecureTransportProtocols(protocols);
        ciphers.forEach(options::addEnabledCipherSuite);
        return options;
    }

    /**
     * Puts the key and certificate on a passive data listener. TLS 1.3 servers send session tickets right after
     * the handshake; an uploading client never reads them, so its close turns into a TCP reset that can destroy
     * the last bytes in flight. Data connections therefore use TLS 1.2 (AEAD, forward secrecy) when it is
     * enabled, and TLS 1.3 only when nothing else is allowed.
     */
    public NetServerOptions applyToDataListener(NetServerOptions options) {
        options.setKeyCertOptions(keyCert);
        options.setEnabledSecureTransportProtocols(protocols.contains("TLSv1.2") ? Set.of("TLSv1.2") : protocols);
        ciphers.forEach(options::addEnabledCipherSuite);
        return options;
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

    private static Set<String> ciphers(List<String> configured) {
        Set<String> supported;
        try {
            supported = Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
        } catch (Exception e) {
            throw new IllegalStateException("the Java runtime has no default TLS context", e);
        }
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

    private static String fingerprint(Buffer pem) {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes()));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (Exception e) {
            throw new ConfigurationException("bridge.tls.cert-file", "is not a PEM X.509 certificate: " + e.getMessage());
        }
    }

    /** Generates into a private temporary directory, reads the PEM files back and removes the directory. */
    private static Buffer[] generateSelfSigned() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("ftps-bridge-cert");
            PemCertificateFiles files = (PemCertificateFiles) new CertificateGenerator(dir, false)
                    .generate(new CertificateRequest().withName("ftps-bridge").withCN("localhost")
                            .withFormat(Format.PEM).withDuration(Duration.ofDays(365)))
                    .get(0);
            return new Buffer[]{Buffer.buffer(Files.readAllBytes(files.certFile())),
                    Buffer.buffer(Files.readAllBytes(files.keyFile()))};
        } catch (Exception e) {
            throw new IllegalStateException("could not generate a self-signed certificate", e);
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary directory holds nothing that is used again
        }
    }
}
