package io.ftpsbridge.it;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Looks at the bucket behind the bridge with the plain SDK, configured like the bridge under test. */
public final class StoreInspector implements AutoCloseable {

    public static final String BUCKET = S3ProxyTestResource.BUCKET;
    private final S3Client s3;

    public StoreInspector() {
        Config config = ConfigProvider.getConfig();
        s3 = S3Client.builder()
                .endpointOverride(URI.create(config.getValue("quarkus.s3.endpoint-override", String.class)))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        config.getValue("quarkus.s3.aws.credentials.static-provider.access-key-id", String.class),
                        config.getValue("quarkus.s3.aws.credentials.static-provider.secret-access-key", String.class))))
                .serviceConfiguration(S3Configuration.builder().checksumValidationEnabled(false).build())
                .build();
    }

    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    public boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(BUCKET).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    public void put(String key, byte[] data) {
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(data));
    }

    public List<String> keys(String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream()
                .map(S3Object::key).collect(Collectors.toList());
    }

    /** Multipart uploads still open under a prefix: must be none after any finished or failed transfer. */
    public int openMultipartUploads(String prefix) {
        return s3.listMultipartUploads(b -> b.bucket(BUCKET).prefix(prefix)).uploads().size();
    }

    public S3Client client() {
        return s3;
    }

    @Override
    public void close() {
        s3.close();
    }
}
