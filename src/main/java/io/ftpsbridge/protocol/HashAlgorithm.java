package io.ftpsbridge.protocol;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;

/** The digests HASH and the X commands offer, by their FTP names (draft-bryan-ftpext-hash §3). */
public enum HashAlgorithm {
    SHA_256("SHA-256", "SHA-256"),
    SHA_1("SHA-1", "SHA-1"),
    MD5("MD5", "MD5"),
    CRC32("CRC32", null);

    /** A digest being computed. */
    public interface Digest {
        void update(ByteBuffer bytes);

        String hex();
    }

    private final String ftpName;
    private final String javaName;

    HashAlgorithm(String ftpName, String javaName) {
        this.ftpName = ftpName;
        this.javaName = javaName;
    }

    public String ftpName() {
        return ftpName;
    }

    public static Optional<HashAlgorithm> byName(String name) {
        for (HashAlgorithm algorithm : values()) {
            if (algorithm.ftpName.equals(name.strip().toUpperCase(Locale.ROOT))) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    public Digest start() {
        if (javaName == null) {
            CRC32 crc = new CRC32();
            return new Digest() {
                public void update(ByteBuffer bytes) {
                    crc.update(bytes);
                }

                public String hex() {
                    return String.format("%08x", crc.getValue());
                }
            };
        }
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(javaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + javaName, e);
        }
        return new Digest() {
            public void update(ByteBuffer bytes) {
                md.update(bytes);
            }

            public String hex() {
                return HexFormat.of().formatHex(md.digest());
            }
        };
    }
}
