package io.ftpsbridge.it;

import io.ftpsbridge.embedded.S3ProxyProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** A real S3 endpoint for the integration tests: S3Proxy with its filesystem backend in a temporary directory. */
public class S3ProxyTestResource implements QuarkusTestResourceLifecycleManager {

    static final String ACCESS_KEY = "test-access";
    static final String SECRET_KEY = "test-secret";
    public static final String BUCKET = "bridge-test";

    private S3ProxyProcess proxy;
    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("s3proxy-test");
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            proxy = S3ProxyProcess.start(Path.of("target/embedded-s3/s3proxy.jar"), port, dir.resolve("data"),
                    ACCESS_KEY, SECRET_KEY, Duration.ofSeconds(60));
            try (S3Client s3 = client(proxy.endpoint())) {
                s3.createBucket(b -> b.bucket(BUCKET));
            }
            return Map.of(
                    "quarkus.s3.endpoint-override", proxy.endpoint(),
                    "quarkus.s3.path-style-access", "true",
                    "quarkus.s3.aws.region", "us-east-1",
                    "quarkus.s3.aws.credentials.type", "static",
                    "quarkus.s3.aws.credentials.static-provider.access-key-id", ACCESS_KEY,
                    "quarkus.s3.aws.credentials.static-provider.secret-access-key", SECRET_KEY,
                    "quarkus.s3.checksum-validation", "false",
                    "bridge.s3.request-checksum-calculation", "when-required");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plain SDK client on the same endpoint, for checking what landed in S3. */
    public static S3Client client(String endpoint) {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .serviceConfiguration(S3Configuration.builder().checksumValidationEnabled(false).build())
                .build();
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // the temporary directory is only test data
            }
        }
    }
}
