package io.ftpsbridge.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * A certificate for a bridge started without {@code bridge.tls.cert-file}: made in memory, never written to disk.
 * An EC P-256 key, because generating one takes milliseconds where an RSA key takes a good part of a second at
 * startup, and every FTPS client in use accepts ECDSA. The JDK's own providers generate and sign; Bouncy Castle
 * only assembles the X.509 structure.
 */
final class SelfSignedCertificate {

    private static final Duration VALIDITY = Duration.ofDays(365);

    private SelfSignedCertificate() {
    }

    /** The key and its certificate, as they are: nothing to encode as PEM only to parse it back. */
    static PemCredentials generate(String commonName) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=" + commonName);
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(VALIDITY)), name, keys.getPublic());
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            return new PemCredentials(keys.getPrivate(), new X509Certificate[]{certificate});
        } catch (Exception e) {
            throw new IllegalStateException("could not generate a self-signed certificate", e);
        }
    }
}
