package io.ftpsbridge.embedded;

import java.io.IOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

/**
 * An S3Proxy server (filesystem backend) run as a child process from its jar-with-dependencies, so none of its
 * libraries meet ours. Used by the run command when no S3 is configured, and by the tests and the benchmark.
 */
public final class S3ProxyProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private S3ProxyProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts S3Proxy on 127.0.0.1:{@code port}, keeping buckets under {@code dataDir}, and waits until it accepts
     * connections.
     */
    public static S3ProxyProcess start(Path jar, int port, Path dataDir, String accessKey, String secretKey,
                                       Duration timeout) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("S3Proxy jar not found at " + jar.toAbsolutePath() + " (the Maven build copies it there)");
        }
        Files.createDirectories(dataDir);
        Path config = dataDir.toAbsolutePath().getParent().resolve("s3proxy-" + port + ".properties");
        Properties properties = new Properties();
        properties.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
        properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        properties.setProperty("s3proxy.identity", accessKey);
        properties.setProperty("s3proxy.credential", secretKey);
        // The classic filesystem provider keeps "dir/" marker keys apart from files of the same name.
        properties.setProperty("jclouds.provider", "filesystem");
        properties.setProperty("jclouds.identity", accessKey);
        properties.setProperty("jclouds.credential", secretKey);
        properties.setProperty("jclouds.filesystem.basedir", dataDir.toAbsolutePath().toString());
        try (Writer out = Files.newBufferedWriter(config)) {
            properties.store(out, "embedded S3 store of the FTPS-S3 bridge");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = dataDir.toAbsolutePath().getParent().resolve("s3proxy-" + port + ".log");
        Process process = new ProcessBuilder(List.of(java, "-Xmx512m", "-jar", jar.toAbsolutePath().toString(),
                "--properties", config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        S3ProxyProcess proxy = new S3ProxyProcess(process, port);
        proxy.awaitListening(timeout, log);
        return proxy;
    }

    private void awaitListening(Duration timeout, Path log) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("S3Proxy exited with " + process.exitValue() + "; see " + log);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for S3Proxy", e);
                }
            }
        }
        close();
        throw new IOException("S3Proxy did not listen on port " + port + " within " + timeout.toSeconds() + " s; see " + log);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
