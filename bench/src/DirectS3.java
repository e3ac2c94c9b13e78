import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.FileRequestBodyConfiguration;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The benchmark's baseline: the bridge scenarios' transfers made directly against S3 with the AWS SDK (the async
 * client on Netty, as the bridge uses), plus the bucket set-up and the checks that the bytes arrived.
 *
 * <p>Connection from the environment: BENCH_S3_ENDPOINT, BENCH_S3_ACCESS_KEY, BENCH_S3_SECRET_KEY; list-pages goes to
 * BENCH_LIST_S3_ENDPOINT, the LIST scenario's store ({@code ListingStore}).
 * With {@code serve} it reads one command per line from stdin and answers one line each ({@code ok ...} or
 * {@code err ...}), so it stays one warm JVM for the whole run, like the bridge; otherwise it runs the command
 * given as arguments. Timed commands answer {@code ok <elapsed-nanoseconds> <bytes>}.
 *
 * <pre>
 * create-bucket BUCKET
 * warm-up BUCKET                      one small PutObject and GetObject
 * upload BUCKET KEY FILE              timed; CreateMultipartUpload, UploadPart (8 MiB, 2 in flight), Complete
 * download BUCKET KEY                 timed; GetObject into a transformer that discards the bytes
 * put-many BUCKET PREFIX COUNT BYTES  timed; COUNT sequential PutObject calls of random bytes
 * put-get-many BUCKET PREFIX COUNT BYTES
 *                                     timed; COUNT concurrent tasks, each a PutObject of BYTES then a GetObject
 *                                     of it; answers "ok ELAPSED_NS BYTES_MOVED FAILED_TASKS"
 * list-pages BUCKET PREFIX PAGE_SIZE  timed; ListObjectsV2 pages of the "directory" PREFIX (delimiter /) from the
 *                                     listing store, one after the other; answers "ok FIRST_PAGE_NS TOTAL_NS KEYS"
 * size BUCKET KEY                     HeadObject content length
 * count BUCKET PREFIX                 number of objects and their total size under PREFIX
 * sha256 BUCKET KEY                   SHA-256 of the object's bytes
 * </pre>
 */
public final class DirectS3 {

    /** The bridge's default bridge.s3.part-size. */
    private static final long PART_SIZE = 8L * 1024 * 1024;
    /** The bridge's default bridge.s3.upload-concurrency. */
    private static final int PARTS_IN_FLIGHT = 2;

    private final S3AsyncClient s3;
    /** The LIST scenario's store, when the run has one. */
    private final S3AsyncClient listingStore;

    private DirectS3(S3AsyncClient s3, S3AsyncClient listingStore) {
        this.s3 = s3;
        this.listingStore = listingStore;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: DirectS3 serve | DirectS3 COMMAND ARGS...  (see the class comment)");
            System.exit(2);
        }
        String listingEndpoint = System.getenv("BENCH_LIST_S3_ENDPOINT");
        try (S3AsyncClient s3 = client(env("BENCH_S3_ENDPOINT"));
             S3AsyncClient listing = listingEndpoint == null || listingEndpoint.isBlank() ? null : client(listingEndpoint)) {
            DirectS3 direct = new DirectS3(s3, listing);
            if (!args[0].equals("serve")) {
                String answer = direct.run(args);
                System.out.println(answer);
                System.exit(answer.startsWith("ok") ? 0 : 1);
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null && !line.isBlank() && !line.equals("quit"); ) {
                System.out.println(direct.run(line.trim().split("\\s+")));
                System.out.flush();
            }
        }
    }

    /**
     * The same settings the bridge gets from its quarkus.s3.* and bridge.s3.* keys, set the same way, so both
     * sides send the same requests: path-style, static keys, no CRC checksums (S3Proxy rejects them; the bridge
     * sets this same system property) and no response MD5 validation (the extension sets it on S3Configuration;
     * the SDK refuses that setting when the client-level checksum setters are used too).
     */
    @SuppressWarnings("deprecation")
    private static S3AsyncClient client(String endpoint) {
        System.setProperty("aws.requestChecksumCalculation", "WHEN_REQUIRED");
        return S3AsyncClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(env("BENCH_S3_ACCESS_KEY"), env("BENCH_S3_SECRET_KEY"))))
                .forcePathStyle(true)
                .serviceConfiguration(S3Configuration.builder().checksumValidationEnabled(false).build())
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .build();
    }

    private String run(String[] command) {
        try {
            String bucket = command[1];
            return "ok " + switch (command[0]) {
                case "create-bucket" -> {
                    s3.createBucket(b -> b.bucket(bucket)).join();
                    yield bucket;
                }
                case "warm-up" -> {
                    s3.putObject(b -> b.bucket(bucket).key("warm-up/direct"), AsyncRequestBody.fromString("warm-up")).join();
                    yield s3.getObject(b -> b.bucket(bucket).key("warm-up/direct"), new StreamingConsumer(b -> { })).join();
                }
                case "upload" -> upload(bucket, command[2], Path.of(command[3]));
                case "download" -> download(bucket, command[2]);
                case "put-many" -> putMany(bucket, command[2], Integer.parseInt(command[3]), Integer.parseInt(command[4]));
                case "put-get-many" -> putGetMany(bucket, command[2], Integer.parseInt(command[3]), Integer.parseInt(command[4]));
                case "list-pages" -> listPages(bucket, command[2], Integer.parseInt(command[3]));
                case "size" -> s3.headObject(b -> b.bucket(bucket).key(command[2])).join().contentLength();
                case "count" -> count(bucket, command[2]);
                case "sha256" -> sha256(bucket, command[2]);
                default -> throw new IllegalArgumentException("unknown command " + command[0]);
            };
        } catch (Exception e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            return "err " + Arrays.toString(command) + ": " + cause;
        }
    }

    /**
     * Multipart by hand rather than with the SDK's multipart client: in SDK 2.32 that client's requests get
     * "501 A header you provided implies functionality that is not implemented" from S3Proxy. Parts and
     * parallelism match the bridge's defaults, so the two sides differ only by what lies between them.
     */
    private String upload(String bucket, String key, Path file) throws Exception {
        long size = Files.size(file);
        int partCount = (int) Math.max(1, (size + PART_SIZE - 1) / PART_SIZE);
        long start = System.nanoTime();
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).join().uploadId();
        CompletedPart[] parts = new CompletedPart[partCount];
        List<CompletableFuture<?>> sent = new ArrayList<>();
        Semaphore inFlight = new Semaphore(PARTS_IN_FLIGHT);
        try {
            for (int i = 0; i < partCount; i++) {
                int number = i + 1;
                long position = i * PART_SIZE;
                long length = Math.min(PART_SIZE, size - position);
                inFlight.acquire();
                CompletableFuture<?> part = s3.uploadPart(
                                b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number).contentLength(length),
                                AsyncRequestBody.fromFile(FileRequestBodyConfiguration.builder()
                                        .path(file).position(position).numBytesToRead(length).build()))
                        .whenComplete((response, error) -> {
                            if (response != null) {
                                parts[number - 1] = CompletedPart.builder().partNumber(number).eTag(response.eTag()).build();
                            }
                            inFlight.release();
                        });
                sent.add(part);
                if (part.isCompletedExceptionally()) {
                    break;
                }
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts))).join();
        } catch (Exception e) {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)).exceptionally(ignored -> null).join();
            throw e;
        }
        return timed(start, size);
    }

    private String download(String bucket, String key) {
        long start = System.nanoTime();
        long bytes = s3.getObject(b -> b.bucket(bucket).key(key), new StreamingConsumer(buffer -> { })).join();
        return timed(start, bytes);
    }

    private String putMany(String bucket, String prefix, int count, int size) {
        // Random bytes made before the clock starts, as the FTP client does for its side.
        Random random = new Random();
        byte[][] payloads = new byte[count][size];
        for (byte[] payload : payloads) {
            random.nextBytes(payload);
        }
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String key = prefix + String.format("%05d.bin", i);
            s3.putObject(b -> b.bucket(bucket).key(key), AsyncRequestBody.fromBytes(payloads[i])).join();
        }
        return timed(start, (long) count * size);
    }

    /**
     * The concurrent-sessions scenario without the bridge: all tasks start at once and share the client's
     * connection pool (the SDK's defaults, as the bridge's extension leaves them). One random payload serves every
     * task; {@code fromBytesUnsafe} sends it without a copy per request, as the FTP client sends its one buffer.
     */
    private String putGetMany(String bucket, String prefix, int count, int size) {
        byte[] payload = new byte[size];
        new Random().nextBytes(payload);
        AtomicLong moved = new AtomicLong();
        AtomicInteger failed = new AtomicInteger();
        CompletableFuture<?>[] tasks = new CompletableFuture<?>[count];
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String key = prefix + String.format("%05d.bin", i);
            tasks[i] = s3.putObject(b -> b.bucket(bucket).key(key), AsyncRequestBody.fromBytesUnsafe(payload))
                    .thenCompose(put -> {
                        moved.addAndGet(size);
                        return s3.getObject(b -> b.bucket(bucket).key(key), new StreamingConsumer(b -> { }));
                    })
                    .thenAccept(received -> {
                        moved.addAndGet(received);
                        if (received != size) {
                            failed.incrementAndGet();
                        }
                    })
                    .exceptionally(error -> {
                        if (failed.getAndIncrement() < 3) {
                            System.err.println("put-get " + key + ": " + error);
                        }
                        return null;
                    });
        }
        CompletableFuture.allOf(tasks).join();
        return timed(start, moved.get()) + " " + failed.get();
    }

    /** A directory listing as a client of S3 makes it: pages of keys one after the other, like the bridge's LIST. */
    private String listPages(String bucket, String prefix, int pageSize) {
        if (listingStore == null) {
            throw new IllegalStateException("BENCH_LIST_S3_ENDPOINT is not set");
        }
        long keys = 0;
        long firstPage = -1;
        String token = null;
        long start = System.nanoTime();
        do {
            ListObjectsV2Response page = listingStore.listObjectsV2(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix)
                    .delimiter("/").maxKeys(pageSize).continuationToken(token).build()).join();
            if (firstPage < 0) {
                firstPage = System.nanoTime() - start;
            }
            keys += page.contents().size() + page.commonPrefixes().size();
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return firstPage + " " + (System.nanoTime() - start) + " " + keys;
    }

    private String count(String bucket, String prefix) {
        long objects = 0;
        long bytes = 0;
        String token = null;
        do {
            ListObjectsV2Response page = s3.listObjectsV2(ListObjectsV2Request.builder()
                    .bucket(bucket).prefix(prefix).continuationToken(token).build()).join();
            for (S3Object object : page.contents()) {
                objects++;
                bytes += object.size();
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return objects + " " + bytes;
    }

    private String sha256(String bucket, String key) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        s3.getObject(b -> b.bucket(bucket).key(key), new StreamingConsumer(digest::update)).join();
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String timed(long start, long bytes) {
        return (System.nanoTime() - start) + " " + bytes;
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set");
        }
        return value;
    }

    /** Hands each received buffer to a consumer (a digest, or nothing) and completes with the byte count. */
    private static final class StreamingConsumer implements AsyncResponseTransformer<GetObjectResponse, Long> {

        private final Consumer<ByteBuffer> sink;
        private CompletableFuture<Long> result;

        StreamingConsumer(Consumer<ByteBuffer> sink) {
            this.sink = sink;
        }

        @Override
        public CompletableFuture<Long> prepare() {
            result = new CompletableFuture<>();
            return result;
        }

        @Override
        public void onResponse(GetObjectResponse response) {
        }

        @Override
        public void onStream(SdkPublisher<ByteBuffer> publisher) {
            publisher.subscribe(new Subscriber<ByteBuffer>() {
                private Subscription subscription;
                private long bytes;

                @Override
                public void onSubscribe(Subscription s) {
                    subscription = s;
                    // One buffer at a time, as a real sink with backpressure would take them.
                    subscription.request(1);
                }

                @Override
                public void onNext(ByteBuffer buffer) {
                    bytes += buffer.remaining();
                    sink.accept(buffer);
                    subscription.request(1);
                }

                @Override
                public void onError(Throwable t) {
                    result.completeExceptionally(t);
                }

                @Override
                public void onComplete() {
                    result.complete(bytes);
                }
            });
        }

        @Override
        public void exceptionOccurred(Throwable error) {
            result.completeExceptionally(error);
        }
    }
}
