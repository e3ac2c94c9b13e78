package io.ftpsbridge.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.Map;

/** LocalStack's S3 in a container, for machines with Docker. */
public class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {

    private LocalStackContainer localstack;

    @Override
    public Map<String, String> start() {
        localstack = new LocalStackContainer(DockerImageName.parse("localstack/localstack:3.8"))
                .withServices(LocalStackContainer.Service.S3);
        localstack.start();
        String endpoint = localstack.getEndpointOverride(LocalStackContainer.Service.S3).toString();
        try (S3Client s3 = S3Client.builder().endpointOverride(localstack.getEndpointOverride(LocalStackContainer.Service.S3))
                .region(Region.of(localstack.getRegion())).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(localstack.getAccessKey(), localstack.getSecretKey())))
                .build()) {
            s3.createBucket(b -> b.bucket(S3ProxyTestResource.BUCKET));
        }
        return Map.of(
                "quarkus.s3.endpoint-override", endpoint,
                "quarkus.s3.path-style-access", "true",
                "quarkus.s3.aws.region", localstack.getRegion(),
                "quarkus.s3.aws.credentials.type", "static",
                "quarkus.s3.aws.credentials.static-provider.access-key-id", localstack.getAccessKey(),
                "quarkus.s3.aws.credentials.static-provider.secret-access-key", localstack.getSecretKey());
    }

    @Override
    public void stop() {
        if (localstack != null) {
            localstack.stop();
        }
    }
}
