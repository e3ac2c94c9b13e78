package io.ftpsbridge.tls;

import io.ftpsbridge.config.ConfigurationException;
import io.ftpsbridge.it.RawFtpsClient;
import io.ftpsbridge.it.TestKeys;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PEM keys in the forms openssl writes, read without a keystore, and served in real TLS 1.2 and 1.3 handshakes. */
class PemCredentialsTest {

    private static Path keys;

    @BeforeAll
    static void makeKeys() throws Exception {
        keys = TestKeys.make("pem-credentials");
        openssl("pkcs8", "-topk8", "-nocrypt", "-in", "ec-sec1.key", "-out", "ec-pkcs8.key");
        openssl("pkcs8", "-topk8", "-in", "ec-sec1.key", "-passout", "pass:secret", "-out", "ec-encrypted.key");
        openssl("ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", "other-ec.key");
        openssl("genrsa", "-out", "other-rsa.key", "2048");
    }

    @AfterAll
    static void removeKeys() throws Exception {
        TestKeys.delete(keys);
    }

    @Test
    void everyUnencryptedFormIsReadAndServed() throws Exception {
        String[][] pairs = {{"rsa.crt", "rsa-pkcs1.key", "RSA"}, {"rsa.crt", "rsa-pkcs8.key", "RSA"},
                {"ec.crt", "ec-sec1.key", "EC"}, {"ec.crt", "ec-pkcs8.key", "EC"}};
        for (String[] pair : pairs) {
            PemCredentials credentials = PemCredentials.parse(read(pair[0]), read(pair[1]));
            assertEquals(pair[2], credentials.key().getAlgorithm(), pair[1]);
            for (String protocol : new String[]{"TLSv1.2", "TLSv1.3"}) {
                Certificate[] seen = handshake(new ReloadableKeyManager(credentials), protocol);
                assertArrayEquals(credentials.chain(), seen, pair[1] + " over " + protocol);
            }
        }
    }

    @Test
    void theKeyIsOfferedOnlyForItsOwnKeyType() {
        ReloadableKeyManager manager = new ReloadableKeyManager(PemCredentials.parse(read("ec.crt"), read("ec-sec1.key")));
        String alias = manager.chooseEngineServerAlias("EC", null, null);
        assertEquals(alias, manager.chooseEngineServerAlias("EC_EC", null, null));
        assertNull(manager.chooseEngineServerAlias("RSA", null, null));
        assertEquals("EC", manager.getPrivateKey(alias).getAlgorithm());
        manager.swap(PemCredentials.parse(read("rsa.crt"), read("rsa-pkcs1.key")));
        assertEquals("EC", manager.getPrivateKey(alias).getAlgorithm(), "a handshake that chose before the swap keeps its key");
        assertEquals("RSA", manager.getPrivateKey(manager.chooseEngineServerAlias("RSA", null, null)).getAlgorithm());
    }

    @Test
    void unusableFilesNameTheirKey() {
        assertEquals("bridge.tls.key-file", refusal(read("ec.crt"), read("ec-encrypted.key")).key());
        assertEquals("bridge.tls.key-file", refusal(read("ec.crt"), read("ec.crt")).key());
        assertEquals("bridge.tls.key-file", refusal(read("ec.crt"),
                Buffer.buffer("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")).key());
        assertEquals("bridge.tls.cert-file", refusal(read("ec-sec1.key"), read("ec-sec1.key")).key());
        assertEquals("bridge.tls.cert-file", refusal(Buffer.buffer("not a certificate"), read("ec-sec1.key")).key());
        ConfigurationException foreign = refusal(read("ec.crt"), read("other-ec.key"));
        assertEquals("bridge.tls.key-file", foreign.key());
        assertTrue(foreign.getMessage().contains("does not belong to the certificate"), foreign.getMessage());
        ConfigurationException foreignRsa = refusal(read("rsa.crt"), read("other-rsa.key"));
        assertEquals("bridge.tls.key-file", foreignRsa.key());
        assertTrue(foreignRsa.getMessage().contains("does not belong to the certificate"), foreignRsa.getMessage());
        assertEquals("bridge.tls.key-file", refusal(read("rsa.crt"), read("ec-sec1.key")).key());
        assertEquals("bridge.tls.key-file", refusal(read("ec.crt"), read("rsa-pkcs8.key")).key());
        ConfigurationException encrypted = refusal(read("ec.crt"), read("ec-encrypted.key"));
        assertTrue(encrypted.getMessage().contains("unencrypted"), encrypted.getMessage());
    }

    private static ConfigurationException refusal(Buffer cert, Buffer key) {
        return assertThrows(ConfigurationException.class, () -> PemCredentials.parse(cert, key));
    }

    /** One handshake between a server using {@code keys} and a client that trusts anything; the chain it was shown. */
    private static Certificate[] handshake(ReloadableKeyManager keys, String protocol) throws Exception {
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(new KeyManager[]{keys}, new TrustManager[0], null);
        SSLContext client = RawFtpsClient.trustAll();
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setEnabledProtocols(new String[]{protocol});
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                    accepted.startHandshake();
                    accepted.getOutputStream().write(1);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                socket.setEnabledProtocols(new String[]{protocol});
                socket.startHandshake();
                assertEquals(1, socket.getInputStream().read());
                assertEquals(protocol, socket.getSession().getProtocol());
                served.get(10, TimeUnit.SECONDS);
                return socket.getSession().getPeerCertificates();
            }
        }
    }

    private static Buffer read(String name) {
        try {
            return Buffer.buffer(Files.readAllBytes(keys.resolve(name)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void openssl(String... args) throws Exception {
        TestKeys.openssl(keys, args);
    }
}
