package io.ftpsbridge.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every setting of the bridge, under the prefix {@code bridge}. */
@ConfigMapping(prefix = "bridge")
public interface BridgeConfig {

    /** FTP listeners and data channel. */
    Ftp ftp();

    /** TLS certificate and key. */
    Tls tls();

    /** S3 storage tuning; the connection itself is configured by the {@code quarkus.s3.*} keys. */
    S3 s3();

    /** Users, keyed by login name. */
    Map<String, User> users();

    /** The embedded S3 store that the run command starts when no S3 is configured. */
    EmbeddedS3 embeddedS3();

    /** Login defence and connection limits. */
    Security security();

    interface Ftp {
        /**
         * Address the control and data listeners bind to. The default, {@code ::}, takes every IPv4 and IPv6
         * address (one dual-stack socket; on a host without IPv6 it falls back to 0.0.0.0); {@code 0.0.0.0} takes IPv4
         * only.
         */
        @WithDefault("::")
        String host();

        /** Port of the explicit FTPS listener (AUTH TLS); 0 disables it. */
        @WithDefault("2121")
        int port();

        /** Port of the implicit FTPS listener (TLS from the first byte); 0 disables it. */
        @WithDefault("9990")
        int implicitPort();

        /** Passive data port range, {@code first-last}. */
        @WithDefault("30000-30099")
        String passivePorts();

        /** IPv4 address or host name advertised in PASV replies; default: the control connection's local address. */
        Optional<String> passiveAddress();

        /** A control connection silent for this long is closed with 421. */
        @WithDefault("15M")
        Duration idleTimeout();

        /** How long a transfer command waits for the client to open its passive data connection. */
        @WithDefault("30S")
        Duration dataConnectTimeout();

        /** A transfer that moves no byte for this long is aborted (426) and leaves nothing behind. */
        @WithDefault("5M")
        Duration dataIdleTimeout();

        /** Longest command line accepted, in bytes, CRLF included. */
        @WithDefault("4096")
        int maxLineLength();

        /** Name shown in the 220 greeting. */
        @WithDefault("FTPS-S3 bridge ready")
        String greeting();

        /**
         * Active mode (PORT, EPRT): the bridge connects to the client, only to the control connection's address
         * and a port from 1024 up. Off by default: behind NAT and Kubernetes Services passive mode is what works.
         */
        @WithDefault("false")
        boolean activeEnabled();
    }

    interface Tls {
        /** PEM certificate chain; a self-signed certificate is generated when absent. */
        Optional<Path> certFile();

        /** PEM private key (RSA or EC, PKCS#1, SEC1 or PKCS#8) matching {@code cert-file}. */
        Optional<Path> keyFile();

        /**
         * Discard a TLS upload whose data connection ends without the client's close_notify: without it a cut
         * connection cannot be told from a finished file. curl, lftp, Python ftplib and Apache Commons Net send
         * it; turn this off only for a client that does not.
         */
        @WithDefault("true")
        boolean requireCloseNotify();

        /** TLS protocol versions offered. */
        @WithDefault("TLSv1.3,TLSv1.2")
        List<String> protocols();

        /**
         * Cipher suites offered, by their IANA names. The default allows only AEAD ciphers with forward secrecy;
         * names the Java runtime does not know stop startup.
         */
        @WithDefault("TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384,TLS_CHACHA20_POLY1305_SHA256,"
                + "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,"
                + "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,"
                + "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256")
        List<String> ciphers();

        /**
         * Whether a PROT P data connection must resume the TLS session of its own control connection: required
         * (refused with 522 otherwise), preferred (logged, allowed) or off.
         */
        @WithDefault("required")
        String sessionReuse();

        /** Client certificates: none, want (asked for, optional) or need (a handshake without one fails). */
        @WithDefault("none")
        String clientAuth();

        /** PEM CA certificates that client certificates must chain to; required unless client-auth is none. */
        Optional<Path> trustFile();

        /** How often cert-file and key-file are checked for changes and reloaded; 0 turns reloading off. */
        @WithDefault("30S")
        Duration reloadInterval();
    }

    interface S3 {
        /** Size of one multipart upload part; S3 needs at least 5 MiB. */
        @WithDefault("8M")
        MemorySize partSize();

        /** Parts of one upload sent to S3 at the same time. */
        @WithDefault("2")
        int uploadConcurrency();

        /**
         * Memory for part buffers, shared by all uploads of the process; an upload that needs another part while
         * it is spent is held back (TCP flow control) until another upload gives memory back. At least
         * {@code part-size × (upload-concurrency + 1)}.
         */
        @WithDefault("256M")
        MemorySize uploadBufferBudget();

        /** Keys asked for per ListObjectsV2 page. */
        @WithDefault("1000")
        int listPageSize();

        /** The most keys a directory rename moves; a larger directory gets 550 before anything changes. */
        @WithDefault("10000")
        int maxRenameKeys();

        /**
         * The most files of a directory listing (LIST, MLSD, STAT of a path) whose modification time set with MFMT is
         * looked up, one HeadObject each; only for a directory that fits in one ListObjectsV2 page. Larger listings,
         * and all of them with 0, show S3's LastModified.
         */
        @WithDefault("1000")
        int listingTimeLookups();

        /**
         * When the SDK adds CRC checksums to uploads: {@code when-supported} (the SDK default, for AWS) or
         * {@code when-required}, for S3-compatible stores such as S3Proxy that reject the checksum trailers.
         * With when-supported S3 checks the SDK's CRC32 of each request; with when-required each request carries
         * Content-MD5 instead, except the streamed PutObject after ALLO, whose ETag is checked (see README).
         */
        @WithDefault("when-supported")
        String requestChecksumCalculation();

        /**
         * Key prefix, in each home's bucket, where an upload too large for its buffered parts keeps its staging
         * segments until they are copied into it. FTP users never see or reach it; no home may lie inside it.
         */
        @WithDefault(".ftps-bridge-staging/")
        String stagingPrefix();
    }

    interface User {
        /** bcrypt hash of the password ({@code $2a$}, {@code $2b$} or {@code $2y$}), as {@code htpasswd -nbB} makes it. */
        String passwordHash();

        /** The user's root: {@code s3://bucket/prefix/}. */
        String home();

        /** What the user may do: list, read, write, delete, mkdir, rename. */
        @WithDefault("list,read,write,delete,mkdir,rename")
        List<String> permissions();

        /** Networks (CIDR, IPv4 or IPv6) the user may log in from; unset: anywhere. */
        Optional<List<String>> allowedCidrs();

        /**
         * Subject (RFC 4514, e.g. {@code CN=partner,O=Acme}) the client certificate of this user's control
         * connection must carry; the login fails without such a certificate. Needs client-auth want or need.
         */
        Optional<String> certificateSubject();

        /** SHA-256 fingerprint (hex, colons optional) the user's client certificate must have. */
        Optional<String> certificateFingerprint();
    }

    interface Security {
        /** Failed logins from one address, within {@code login-failure-window}, that get the address banned. */
        @WithDefault("5")
        int maxLoginFailures();

        /** The window in which failed logins are counted. */
        @WithDefault("10M")
        Duration loginFailureWindow();

        /** How long a first ban lasts; each further ban of the same address doubles it, up to a day. */
        @WithDefault("15M")
        Duration banTime();

        /** Delay before a failed PASS is answered, to slow password guessing. */
        @WithDefault("1S")
        Duration failedLoginDelay();

        /**
         * How long a password bcrypt accepted is accepted again without bcrypt (a keyed hash of it is kept, one per
         * user); logins with the password being checked share that check. 0 checks every login with bcrypt.
         */
        @WithDefault("5M")
        Duration passwordCacheTtl();

        /** Control connections one address may hold at once. */
        @WithDefault("200")
        int maxConnectionsPerIp();

        /** Control connections this replica holds at once. */
        @WithDefault("5000")
        int maxConnections();
    }

    interface EmbeddedS3 {
        /** Start an S3Proxy process when the configured S3 endpoint is its own address. */
        @WithDefault("false")
        boolean enabled();

        /** Port of the embedded store on 127.0.0.1. */
        @WithDefault("8079")
        int port();

        /** Directory holding the embedded store's buckets. */
        @WithDefault("target/embedded-s3/data")
        Path dataDir();

        /** The S3Proxy jar-with-dependencies (copied there by the build). */
        @WithDefault("target/embedded-s3/s3proxy.jar")
        Path jar();

        /** Access key the embedded store accepts. */
        @WithDefault("bridge-local")
        String accessKey();

        /** Secret key the embedded store accepts. */
        @WithDefault("bridge-local-secret")
        String secretKey();
    }
}
