package io.ftpsbridge.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Server keys in the PEM forms openssl writes, made in a temporary directory: {@code rsa.crt} with its key as
 * {@code rsa-pkcs8.key} and {@code rsa-pkcs1.key}, and {@code ec.crt} with {@code ec-sec1.key}.
 */
public final class TestKeys {

    private TestKeys() {
    }

    public static Path make(String prefix) throws Exception {
        Path dir = Files.createTempDirectory(prefix);
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "rsa-pkcs8.key", "-out", "rsa.crt",
                "-subj", "/CN=localhost", "-days", "2");
        openssl(dir, "rsa", "-in", "rsa-pkcs8.key", "-traditional", "-out", "rsa-pkcs1.key");
        openssl(dir, "ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", "ec-sec1.key");
        openssl(dir, "req", "-x509", "-new", "-key", "ec-sec1.key", "-out", "ec.crt", "-subj", "/CN=localhost", "-days", "2");
        assertTrue(Files.readString(dir.resolve("rsa-pkcs1.key")).contains("BEGIN RSA PRIVATE KEY"));
        assertTrue(Files.readString(dir.resolve("ec-sec1.key")).contains("BEGIN EC PRIVATE KEY"));
        return dir;
    }

    /** Runs openssl in {@code dir}; fails the test with its output unless it succeeds. */
    public static void openssl(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
    }

    public static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
