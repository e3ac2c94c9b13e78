package io.ftpsbridge.it;

import io.ftpsbridge.it.RawFtpsClient.Reply;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Certificates from files, reloaded when they change; client certificates asked for (want) and checked against
 * a CA; logins bound to a certificate subject or fingerprint. Keys and certificates are made with openssl.
 */
@QuarkusTest
@TestProfile(TlsPolicyTest.CertificateFiles.class)
@WithTestResource(S3ProxyTestResource.class)
class TlsPolicyTest {

    static final int PORT = 21610;
    static final Path DIR = createDir();
    private static final String PASSWORD_HASH = "$2y$10$UiygIZjW1JOP/jKH8h0chO5XGAPl11i5hzqWjQXgeYQFlYugHTqsK"; // alice-secret

    public static class CertificateFiles implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            makeCertificates();
            return Map.ofEntries(
                    Map.entry("bridge.ftp.port", String.valueOf(PORT)),
                    Map.entry("bridge.ftp.implicit-port", "29610"),
                    Map.entry("bridge.ftp.passive-ports", "31700-31719"),
                    Map.entry("bridge.tls.cert-file", DIR.resolve("server.pem").toString()),
                    Map.entry("bridge.tls.key-file", DIR.resolve("server.key").toString()),
                    Map.entry("bridge.tls.reload-interval", "500ms"),
                    Map.entry("bridge.tls.client-auth", "want"),
                    Map.entry("bridge.tls.trust-file", DIR.resolve("ca.pem").toString()),
                    Map.entry("bridge.users.dave.password-hash", PASSWORD_HASH),
                    Map.entry("bridge.users.dave.home", "s3://bridge-test/dave/"),
                    Map.entry("bridge.users.dave.certificate-subject", "CN=dave, O=Partner"),
                    Map.entry("bridge.users.erin.password-hash", PASSWORD_HASH),
                    Map.entry("bridge.users.erin.home", "s3://bridge-test/erin/"),
                    Map.entry("bridge.users.erin.certificate-fingerprint", fingerprint(DIR.resolve("mallory.pem"))));
        }
    }

    /** Named after the process, not random: the profile and the test may be loaded by different class loaders. */
    private static Path createDir() {
        try {
            return Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"),
                    "tls-policy-test-" + ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void openssl(String... args) {
        try {
            Process p = new ProcessBuilder(List.of(args)).directory(DIR.toFile()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", args) + " failed: " + output);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CA, a self-signed server certificate, and client certificates for dave and mallory signed by the CA. */
    static synchronized void makeCertificates() {
        if (Files.exists(DIR.resolve("dave.p12"))) {
            return;
        }
        openssl("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "2", "-subj", "/CN=Partner Test CA");
        serverCertificate("server");
        for (String name : new String[]{"dave", "mallory"}) {
            openssl("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr",
                    "-subj", "/O=Partner/CN=" + name);
            openssl("openssl", "x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                    "-CAcreateserial", "-out", name + ".pem", "-days", "2");
            openssl("openssl", "pkcs12", "-export", "-in", name + ".pem", "-inkey", name + ".key", "-out", name + ".p12",
                    "-passout", "pass:secret");
        }
        // Signed by nobody the bridge trusts.
        openssl("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "stranger.key", "-out",
                "stranger.pem", "-days", "2", "-subj", "/O=Partner/CN=dave");
        openssl("openssl", "pkcs12", "-export", "-in", "stranger.pem", "-inkey", "stranger.key", "-out", "stranger.p12",
                "-passout", "pass:secret");
    }

    private static void serverCertificate(String name) {
        openssl("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", name + ".key", "-out", name + ".pem", "-days", "2", "-subj", "/CN=localhost");
    }

    static String fingerprint(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A trust-all client context presenting the certificate in {@code name}.p12, or none for null. */
    private static SSLContext client(String name) throws Exception {
        KeyManagerFactory keys = null;
        if (name != null) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(DIR.resolve(name + ".p12"))) {
                store.load(in, "secret".toCharArray());
            }
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, "secret".toCharArray());
        }
        return RawFtpsClient.trustAll(keys == null ? null : keys.getKeyManagers());
    }

    private static Reply login(String certificate, String user) throws Exception {
        try (RawFtpsClient raw = RawFtpsClient.explicit(PORT, client(certificate))) {
            RawFtpsClient.expect(raw.authTls(), 234);
            RawFtpsClient.expect(raw.send("USER " + user), 331);
            return raw.send("PASS alice-secret");
        }
    }

    @Test
    void loginsAreBoundToTheirClientCertificate() throws Exception {
        assertEquals(230, login("dave", "dave").code());
        assertEquals(530, login("mallory", "dave").code(), "another certificate of the same CA");
        assertEquals(530, login(null, "dave").code(), "no certificate");
        assertEquals(230, login("mallory", "erin").code(), "bound by fingerprint");
        assertEquals(530, login("dave", "erin").code());
        assertEquals(230, login(null, "alice").code(), "a user without binding needs no certificate");
    }

    @Test
    void aCertificateWithTheRightSubjectFromAnUntrustedIssuerDoesNotLogIn() throws Exception {
        // The CertificateRequest names the trusted CA, so the JDK client keeps the stranger's certificate to itself;
        // the subject alone, which anyone can put in a self-signed certificate, proves nothing.
        assertEquals(530, login("stranger", "dave").code());
    }

    private static String servedFingerprint() throws Exception {
        try (SSLSocket socket = (SSLSocket) client(null).getSocketFactory().createSocket("127.0.0.1", 29610)) {
            socket.startHandshake();
            X509Certificate cert = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            return HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        }
    }

    @Test
    void aRotatedCertificateIsServedWithoutDroppingSessions() throws Exception {
        String before = servedFingerprint();
        assertEquals(fingerprint(DIR.resolve("server.pem")), before);
        try (RawFtpsClient open = RawFtpsClient.explicit(PORT, client(null)).login("alice", "alice-secret")) {
            serverCertificate("rotated");
            // As a Secret rotation does: the new files replace the old ones, one after the other. Between the two,
            // the new key with the old certificate is no pair: it is not taken, and handshakes go on as they were.
            Files.move(DIR.resolve("rotated.key"), DIR.resolve("server.key"), StandardCopyOption.REPLACE_EXISTING);
            Thread.sleep(1500);
            assertEquals(before, servedFingerprint(), "a key without its certificate is not swapped in");
            Files.move(DIR.resolve("rotated.pem"), DIR.resolve("server.pem"), StandardCopyOption.REPLACE_EXISTING);
            String expected = fingerprint(DIR.resolve("server.pem"));
            assertNotEquals(before, expected);
            String served = before;
            for (int i = 0; i < 50 && !served.equals(expected); i++) {
                Thread.sleep(200);
                served = servedFingerprint();
            }
            assertEquals(expected, served, "the new certificate is served");
            // The session made under the old certificate goes on, transfers (resumed) included.
            assertEquals(200, open.send("NOOP").code());
            var list = open.openPassive(true);
            RawFtpsClient.expect(open.send("NLST /"), 150);
            list.getInputStream().readAllBytes();
            RawFtpsClient.expect(open.read(), 226);
        }
    }
}
