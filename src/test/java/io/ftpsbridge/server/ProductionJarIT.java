package io.ftpsbridge.server;

import io.ftpsbridge.it.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged production jar, started as an operator would: bad settings stop it with one line naming the
 * key and no stack trace; good PEM certificates (RSA PKCS#1 and PKCS#8, EC SEC1) start it. It must not carry
 * the embedded S3 store. Started from its directory it uses the class-data sharing archive the package step wrote.
 */
class ProductionJarIT {

    private static final String HASH = "$2y$10$UiygIZjW1JOP/jKH8h0chO5XGAPl11i5hzqWjQXgeYQFlYugHTqsK";
    private static Path keys;

    record Run(int exit, String output) {
    }

    @BeforeAll
    static void makeKeys() throws Exception {
        keys = TestKeys.make("bridge-keys");
    }

    @AfterAll
    static void removeKeys() throws IOException {
        TestKeys.delete(keys);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts the jar with the given settings; stops it once it is listening or has exited. */
    private static Run run(String... settings) throws Exception {
        return run(Path.of("."), "target/quarkus-app/quarkus-run.jar", settings);
    }

    private static Run run(Path directory, String jar, String... settings) throws Exception {
        int base = freePort();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Dbridge.ftp.host=127.0.0.1", "-Dbridge.ftp.port=" + freePort(), "-Dbridge.ftp.implicit-port=" + freePort(),
                "-Dbridge.ftp.passive-ports=" + (20000 + base % 9000) + "-" + (20000 + base % 9000 + 4),
                "-Dquarkus.http.port=" + freePort()));
        command.addAll(List.of(settings));
        command.addAll(List.of("-jar", jar));
        Path log = Files.createTempFile("bridge-run", ".log");
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (process.isAlive() && System.nanoTime() < deadline
                && !Files.readString(log, StandardCharsets.UTF_8).contains("FTPS listening")) {
            Thread.sleep(100);
        }
        boolean listening = process.isAlive();
        process.destroy();
        process.waitFor(20, TimeUnit.SECONDS);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return new Run(listening ? 0 : process.exitValue(), output);
    }

    private static void assertRefused(String key, String... settings) throws Exception {
        Run run = run(settings);
        assertNotEquals(0, run.exit(), run.output());
        assertTrue(run.output().lines().anyMatch(l -> l.startsWith(key + " ")), "a line naming " + key + ":\n" + run.output());
        assertFalse(run.output().contains("\tat "), "no stack trace:\n" + run.output());
    }

    @Test
    void malformedPassiveRangeStopsStartup() throws Exception {
        assertRefused("bridge.ftp.passive-ports", "-Dbridge.ftp.passive-ports=30000-3000x");
    }

    /** Each event loop binds its share of the range; one port taken stops startup with one line, no other error. */
    @Test
    void passivePortInUseStopsStartup() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Run run = run("-Dbridge.ftp.passive-ports=" + (port - 1) + "-" + (port + 1));
            assertNotEquals(0, run.exit(), run.output());
            assertTrue(run.output().lines().anyMatch(l -> l.startsWith("bridge.ftp.passive-ports includes port " + port)),
                    run.output());
            assertFalse(run.output().contains(" ERROR "), run.output());
            assertFalse(run.output().contains("\tat "), run.output());
        }
    }

    @Test
    void missingKeyFileStopsStartup() throws Exception {
        assertRefused("bridge.tls.key-file", "-Dbridge.tls.cert-file=" + keys.resolve("rsa.crt"),
                "-Dbridge.tls.key-file=" + keys.resolve("absent.key"));
    }

    @Test
    void keyOfAnotherCertificateStopsStartup() throws Exception {
        assertRefused("bridge.tls.key-file", "-Dbridge.tls.cert-file=" + keys.resolve("rsa.crt"),
                "-Dbridge.tls.key-file=" + keys.resolve("ec-sec1.key"));
    }

    @Test
    void homeThatIsNotS3StopsStartup() throws Exception {
        assertRefused("bridge.users.eve.home", "-Dbridge.users.eve.password-hash=" + HASH, "-Dbridge.users.eve.home=/srv/eve");
    }

    @Test
    void passwordThatIsNotBcryptStopsStartup() throws Exception {
        assertRefused("bridge.users.eve.password-hash", "-Dbridge.users.eve.password-hash=plaintext",
                "-Dbridge.users.eve.home=s3://bucket/eve/");
    }

    @Test
    void unknownPermissionStopsStartup() throws Exception {
        assertRefused("bridge.users.eve.permissions", "-Dbridge.users.eve.password-hash=" + HASH,
                "-Dbridge.users.eve.home=s3://bucket/eve/", "-Dbridge.users.eve.permissions=list,fly");
    }

    @Test
    void uploadBufferBudgetBelowItsMinimumStopsStartup() throws Exception {
        // 5M parts, 2 in flight and 1 being filled need 15M.
        assertRefused("bridge.s3.upload-buffer-budget", "-Dbridge.s3.part-size=5M", "-Dbridge.s3.upload-concurrency=2",
                "-Dbridge.s3.upload-buffer-budget=10M");
    }

    @Test
    void unknownCipherStopsStartup() throws Exception {
        assertRefused("bridge.tls.ciphers", "-Dbridge.tls.ciphers=TLS_AES_128_GCM_SHA256,TLS_MADE_UP_CIPHER");
    }

    @Test
    void pemKeysInEveryFormStartTheServer() throws Exception {
        for (String[] pair : new String[][]{{"rsa.crt", "rsa-pkcs1.key"}, {"rsa.crt", "rsa-pkcs8.key"}, {"ec.crt", "ec-sec1.key"}}) {
            Run run = run("-Dbridge.tls.cert-file=" + keys.resolve(pair[0]), "-Dbridge.tls.key-file=" + keys.resolve(pair[1]));
            assertEquals(0, run.exit(), pair[1] + ":\n" + run.output());
            assertTrue(run.output().contains("TLS certificate loaded, SHA-256 fingerprint"), run.output());
        }
    }

    /** The README's production command; -Xshare:on stops the JVM where the package step's archive does not fit. */
    @Test
    void classDataSharingArchiveFitsTheProductionCommand() throws Exception {
        Run run = run(Path.of("target/quarkus-app"), "quarkus-run.jar", "-XX:SharedArchiveFile=app-cds.jsa", "-Xshare:on");
        assertEquals(0, run.exit(), run.output());
        assertFalse(run.output().contains("[warning]"), run.output());
    }

    @Test
    void productionArtifactDoesNotContainTheEmbeddedStore() throws IOException {
        try (Stream<Path> jars = Files.walk(Path.of("target/quarkus-app"))) {
            assertFalse(jars.map(Path::toString).anyMatch(p -> p.contains("s3proxy") || p.contains("jclouds")));
        }
    }
}
