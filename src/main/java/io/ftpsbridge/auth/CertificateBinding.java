package io.ftpsbridge.auth;

import io.ftpsbridge.config.ConfigurationException;

import javax.security.auth.x500.X500Principal;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The client certificate a user must log in with: a subject, a SHA-256 fingerprint, or both. Subjects compare as
 * X.500 names (RFC 4514 spelling, case and spacing do not matter); fingerprints as bytes.
 */
public record CertificateBinding(Optional<X500Principal> subject, Optional<byte[]> fingerprint) {

    public static final CertificateBinding NONE = new CertificateBinding(Optional.empty(), Optional.empty());

    static CertificateBinding parse(String key, Optional<String> subject, Optional<String> fingerprint) {
        Optional<X500Principal> name = subject.filter(s -> !s.isBlank()).map(s -> {
            try {
                return new X500Principal(s.strip());
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(key + ".certificate-subject",
                        "is not an X.500 name such as CN=partner,O=Acme: " + e.getMessage());
            }
        });
        Optional<byte[]> digest = fingerprint.filter(s -> !s.isBlank()).map(s -> {
            String hex = s.strip().replace(":", "");
            if (!hex.matches("[0-9a-fA-F]{64}")) {
                throw new ConfigurationException(key + ".certificate-fingerprint",
                        "must be a SHA-256 fingerprint: 64 hex digits, colons allowed");
            }
            return HexFormat.of().parseHex(hex);
        });
        return new CertificateBinding(name, digest);
    }

    public boolean required() {
        return subject.isPresent() || fingerprint.isPresent();
    }

    /** True when no certificate is required, or {@code certificate} is the one this user must present. */
    public boolean accepts(Optional<X509Certificate> certificate) {
        if (!required()) {
            return true;
        }
        if (certificate.isEmpty()) {
            return false;
        }
        X509Certificate cert = certificate.get();
        if (subject.isPresent() && !subject.get().equals(cert.getSubjectX500Principal())) {
            return false;
        }
        if (fingerprint.isPresent()) {
            try {
                byte[] actual = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
                return MessageDigest.isEqual(actual, fingerprint.get());
            } catch (Exception e) {
                return false;
            }
        }
        return true;
    }
}
