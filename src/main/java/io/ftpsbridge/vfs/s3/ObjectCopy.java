package io.ftpsbridge.vfs.s3;

import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.Queue;

/** Server-side copy of one object: CopyObject up to 5 GiB, a multipart copy above. */
final class ObjectCopy {

    /** Part size of a multipart copy; 10,000 parts of it reach S3's 5 TiB limit. */
    private static final long COPY_PART_SIZE = 1024L * 1024 * 1024;

    private final S3AsyncClient s3;
    private final S3Settings settings;

    ObjectCopy(S3AsyncClient s3, S3Settings settings) {
        this.s3 = s3;
        this.settings = settings;
    }

    CompletionStage<Void> copy(String bucket, String sourceKey, String targetKey, long size) {
        if (size <= S3Settings.MAX_SINGLE_COPY) {
            return s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(sourceKey)
                            .destinationBucket(bucket).destinationKey(targetKey))
                    .thenApply(r -> null);
        }
        return s3.createMultipartUpload(b -> b.bucket(bucket).key(targetKey))
                .thenCompose(created -> copyParts(bucket, sourceKey, targetKey, created.uploadId(), size)
                        .thenCompose(parts -> s3.completeMultipartUpload(b -> b.bucket(bucket).key(targetKey)
                                .uploadId(created.uploadId()).multipartUpload(m -> m.parts(parts))))
                        .handle((done, failure) -> {
                            if (failure == null) {
                                return CompletableFuture.<Void>completedFuture(null);
                            }
                            return s3.abortMultipartUpload(b -> b.bucket(bucket).key(targetKey)
                                            .uploadId(created.uploadId()))
                                    .handle((aborted, ignored) -> {
                                        throw new CompletionException(failure);
                                    });
                        })
                        .thenCompose(stage -> stage.thenApply(v -> (Void) null)));
    }

    /** Copies the ranges a few at a time: enough to keep S3 busy without a burst of thousands of requests. */
    private CompletionStage<List<CompletedPart>> copyParts(String bucket, String sourceKey, String targetKey,
                                                          String uploadId, long size) {
        int partCount = (int) ((size + COPY_PART_SIZE - 1) / COPY_PART_SIZE);
        List<Integer> numbers = new ArrayList<>();
        for (int part = 1; part <= partCount; part++) {
            numbers.add(part);
        }
        Queue<CompletedPart> copied = new ConcurrentLinkedQueue<>();
        return Lanes.run(numbers, settings.uploadConcurrency(), number -> {
            long first = (number - 1) * COPY_PART_SIZE;
            long last = Math.min(size, first + COPY_PART_SIZE) - 1;
            return s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey(sourceKey)
                            .destinationBucket(bucket).destinationKey(targetKey).uploadId(uploadId)
                            .partNumber(number).copySourceRange("bytes=" + first + "-" + last))
                    .thenAccept(r -> copied.add(CompletedPart.builder().partNumber(number)
                            .eTag(r.copyPartResult().eTag()).build()));
        }).thenApply(v -> {
            List<CompletedPart> parts = new ArrayList<>(copied);
            parts.sort(Comparator.comparingInt(CompletedPart::partNumber));
            return parts;
        });
    }
}
