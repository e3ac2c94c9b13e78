package io.ftpsbridge.tls;

import io.ftpsbridge.config.ConfigurationException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.impl.pkcs1.PrivateKeyParser;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.KeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's private key and certificate chain: read from PEM files ({@link #parse}) or made in memory
 * ({@link SelfSignedCertificate}). The key read from PEM goes straight to the JDK's KeyFactory
 * (Vert.x's parser turns PKCS#1 and SEC1 into key specs): no keystore in between, whose password-based
 * encryption of an in-memory key would cost a third of a second at startup for nothing.
 */
record PemCredentials(PrivateKey key, X509Certificate[] chain) {

    private static final Pattern KEY_BLOCK = Pattern.compile(
            "-----BEGIN ((?:RSA |EC )?PRIVATE KEY)-----([A-Za-z0-9+/=\\s]+?)-----END \\1-----");

    /** Fails with the key's name when {@code cert} holds no certificate or {@code key} no usable private key. */
    static PemCredentials parse(Buffer cert, Buffer key) {
        X509Certificate[] chain = chain(cert);
        PrivateKey privateKey = privateKey(key.toString());
        requireKeyOf(chain[0], privateKey);
        return new PemCredentials(privateKey, chain);
    }

    /**
     * A key that is not the certificate's would fail every handshake; say so now. An RSA pair shares its modulus
     * (and a CRT key, as every PEM form holds, carries the public exponent), which is compared as is: a signature
     * with a 2048-bit key cost 3% of the main thread's startup CPU. An EC key signs a challenge that the
     * certificate's public key must verify.
     */
    private static void requireKeyOf(X509Certificate certificate, PrivateKey key) {
        if (key instanceof RSAPrivateKey rsa && certificate.getPublicKey() instanceof RSAPublicKey owner) {
            boolean sameExponent = !(rsa instanceof RSAPrivateCrtKey crt)
                    || crt.getPublicExponent().equals(owner.getPublicExponent());
            requireMatch(certificate, rsa.getModulus().equals(owner.getModulus()) && sameExponent);
            return;
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> throw new ConfigurationException("bridge.tls.key-file", "holds a " + key.getAlgorithm()
                    + " key; an RSA or EC key is needed");
        };
        boolean matches;
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        requireMatch(certificate, matches);
    }

    private static void requireMatch(X509Certificate certificate, boolean matches) {
        if (!matches) {
            throw new ConfigurationException("bridge.tls.key-file", "does not belong to the certificate in "
                    + "bridge.tls.cert-file (" + certificate.getSubjectX500Principal().getName() + "): the two are not "
                    + "one key pair");
        }
    }

    private static X509Certificate[] chain(Buffer pem) {
        try {
            X509Certificate[] chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes())).stream()
                    .map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
            if (chain.length == 0) {
                throw new ConfigurationException("bridge.tls.cert-file", "holds no PEM X.509 certificate");
            }
            return chain;
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("bridge.tls.cert-file", "is not a PEM X.509 certificate: " + e.getMessage());
        }
    }

    private static PrivateKey privateKey(String pem) {
        Matcher block = KEY_BLOCK.matcher(pem);
        if (!block.find()) {
            throw new ConfigurationException("bridge.tls.key-file", "holds no unencrypted PEM private key "
                    + "(BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY expected)");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(block.group(2));
            return switch (block.group(1)) {
                case "RSA PRIVATE KEY" -> generate("RSA", PrivateKeyParser.getRSAKeySpec(der));
                case "EC PRIVATE KEY" -> generate("EC", PrivateKeyParser.getECKeySpec(der));
                default -> generate(PrivateKeyParser.getPKCS8EncodedKeyAlgorithm(der), new PKCS8EncodedKeySpec(der));
            };
        } catch (RuntimeException | GeneralSecurityException e) {
            throw new ConfigurationException("bridge.tls.key-file", "could not be read as an RSA or EC private key "
                    + "(PKCS#1, SEC1 or PKCS#8): " + e.getMessage());
        }
    }

    private static PrivateKey generate(String algorithm, KeySpec spec) throws GeneralSecurityException {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
    }
}
