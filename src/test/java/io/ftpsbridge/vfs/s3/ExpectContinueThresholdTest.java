package io.ftpsbridge.vfs.s3;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The real SDK client against a plain HTTP endpoint that records each request's Expect header: the SDK asks for
 * {@code 100 Continue} on every PutObject and UploadPart, and with the interceptor only the large ones do.
 */
class ExpectContinueThresholdTest {

    private static final int SMALL = 16 * 1024;
    private static Vertx vertx;
    private static HttpServer server;
    /** The Expect header of each request, by path ("-" when there was none). */
    private static final Map<String, String> expects = new ConcurrentHashMap<>();

    @BeforeAll
    static void endpoint() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer(new HttpServerOptions().setHandle100ContinueAutomatically(true))
                .requestHandler(request -> request.body().onSuccess(body -> {
                    String expect = request.getHeader("Expect");
                    expects.put(request.path(), expect == null ? "-" : expect);
                    request.response().putHeader("ETag", "\"etag\"").end();
                }))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    private static S3AsyncClient client(boolean withInterceptor) {
        return S3AsyncClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.actualPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .overrideConfiguration(c -> {
                    if (withInterceptor) {
                        c.addExecutionInterceptor(new ExpectContinueThreshold());
                    }
                })
                .build();
    }

    private static void put(S3AsyncClient s3, String key, int size) {
        s3.putObject(b -> b.bucket("bucket").key(key), AsyncRequestBody.fromBytes(new byte[size])).join();
    }

    @Test
    void smallBodiesGoAtOnceLargeOnesWaitForContinue() {
        try (S3AsyncClient s3 = client(true)) {
            put(s3, "small", SMALL);
            put(s3, "below", (int) ExpectContinueThreshold.THRESHOLD - 1);
            put(s3, "large", (int) ExpectContinueThreshold.THRESHOLD);
            s3.uploadPart(b -> b.bucket("bucket").key("part").uploadId("u").partNumber(1),
                    AsyncRequestBody.fromBytes(new byte[SMALL])).join();
        }
        assertEquals("-", expects.get("/bucket/small"));
        assertEquals("-", expects.get("/bucket/below"));
        assertEquals("100-continue", expects.get("/bucket/large"));
        assertEquals("-", expects.get("/bucket/part"));
    }

    @Test
    void withoutItTheSdkAsksForContinueEvenForSmallBodies() {
        try (S3AsyncClient s3 = client(false)) {
            put(s3, "plain-small", SMALL);
        }
        assertEquals("100-continue", expects.get("/bucket/plain-small"));
    }
}
