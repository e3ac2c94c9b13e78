package io.ftpsbridge.embedded;

import io.ftpsbridge.auth.User;
import io.ftpsbridge.auth.UserDirectory;
import io.ftpsbridge.config.BridgeConfig;
import io.ftpsbridge.config.ConfigurationException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;

/**
 * The run command's S3: when {@code bridge.embedded-s3.enabled} is on and {@code quarkus.s3.endpoint-override}
 * points at it, S3Proxy is started before the FTP listeners and every user's bucket is created. A real
 * endpoint configured instead leaves it off. The production jar does not contain S3Proxy; the build copies it
 * beside the project only.
 */
@ApplicationScoped
public class EmbeddedS3Store {

    private static final Logger LOG = Logger.getLogger(EmbeddedS3Store.class);

    private final BridgeConfig config;
    private final UserDirectory users;
    /** Looked up only when the store starts: with a real endpoint the client is built later, on first use. */
    private final Instance<S3AsyncClient> s3;
    private S3ProxyProcess process;

    public EmbeddedS3Store(BridgeConfig config, UserDirectory users, Instance<S3AsyncClient> s3) {
        this.config = config;
        this.users = users;
        this.s3 = s3;
    }

    void start(@Observes @Priority(1000) StartupEvent event) throws IOException {
        BridgeConfig.EmbeddedS3 embedded = config.embeddedS3();
        if (!embedded.enabled()) {
            return;
        }
        String own = "http://127.0.0.1:" + embedded.port();
        Optional<String> endpoint = ConfigProvider.getConfig().getOptionalValue("quarkus.s3.endpoint-override", String.class);
        if (endpoint.isEmpty() || !endpoint.get().replaceAll("/+$", "").equals(own)) {
            LOG.infof("S3 endpoint %s is configured: the embedded S3 store stays off", endpoint.orElse("(AWS default)"));
            return;
        }
        if (!java.nio.file.Files.isRegularFile(embedded.jar())) {
            throw new ConfigurationException("bridge.embedded-s3.jar", "points to " + embedded.jar().toAbsolutePath()
                    + ", which does not exist: build the project first (mvn package) or configure quarkus.s3.endpoint-override");
        }
        process = S3ProxyProcess.start(embedded.jar(), embedded.port(), embedded.dataDir(), embedded.accessKey(),
                embedded.secretKey(), Duration.ofSeconds(60));
        TreeSet<String> buckets = new TreeSet<>();
        for (User user : users.users().values()) {
            buckets.add(user.home().bucket());
        }
        for (String bucket : buckets) {
            try {
                s3.get().createBucket(b -> b.bucket(bucket)).join();
            } catch (CompletionException e) {
                if (!(e.getCause() instanceof BucketAlreadyOwnedByYouException)) {
                    LOG.debugf("bucket %s: %s", bucket, e.getCause().getMessage());
                }
            }
        }
        LOG.infof("Embedded S3 store (S3Proxy) at %s, data under %s, buckets %s", own,
                embedded.dataDir().toAbsolutePath(), buckets);
    }

    void stop(@Observes ShutdownEvent event) {
        if (process != null) {
            process.close();
            process = null;
        }
    }
}
