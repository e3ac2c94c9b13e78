package io.ftpsbridge.vfs.s3;

import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MetadataDirective;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.Queue;

/** Server-side copy of one object: CopyObject up to 5 GiB, a multipart copy above (UploadPartCopy, 1 GiB parts). */
final class ObjectCopy {

    /** Part size of a multipart copy; 10,000 parts of it reach S3's 5 TiB limit. */
    private static final long COPY_PART_SIZE = 1024L * 1024 * 1024;

    private final S3AsyncClient s3;
    private final S3Settings settings;

    ObjectCopy(S3AsyncClient s3, S3Settings settings) {
        this.s3 = s3;
        this.settings = settings;
    }

    /** Copies an object with its metadata and content headers, as CopyObject does by default. */
    CompletionStage<Void> copy(String bucket, String sourceKey, String targetKey, long size) {
        if (size <= S3Settings.MAX_SINGLE_COPY) {
            return s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(sourceKey)
                            .destinationBucket(bucket).destinationKey(targetKey))
                    .thenApply(r -> null);
        }
        // UploadPartCopy moves bytes only: what CopyObject would have copied besides them (a time set with MFMT,
        // the recorded SHA-256, the content type) is read first and stated on CreateMultipartUpload.
        return s3.headObject(b -> b.bucket(bucket).key(sourceKey))
                .thenCompose(head -> multipartCopy(bucket, sourceKey, targetKey, head.contentLength(), head.eTag(),
                        ObjectHeaders.of(head)));
    }

    /**
     * Gives an object new headers without its bytes leaving S3: a CopyObject onto itself with MetadataDirective
     * REPLACE, or above 5 GiB a multipart copy onto itself. Only while the object is still the version {@code eTag}
     * (S3 answers 412 otherwise), so that headers read from one version never land on another.
     */
    CompletionStage<Void> replaceHeaders(String bucket, String key, long size, String eTag, ObjectHeaders headers) {
        if (size <= S3Settings.MAX_SINGLE_COPY) {
            return s3.copyObject(b -> headers.applyTo(b.sourceBucket(bucket).sourceKey(key)
                            .destinationBucket(bucket).destinationKey(key).copySourceIfMatch(eTag)
                            .metadataDirective(MetadataDirective.REPLACE)))
                    .thenApply(r -> null);
        }
        return multipartCopy(bucket, key, key, size, eTag, headers);
    }

    /** A multipart copy of the version {@code eTag}; the upload is aborted if any part fails. */
    private CompletionStage<Void> multipartCopy(String bucket, String sourceKey, String targetKey, long size,
                                                String eTag, ObjectHeaders headers) {
        return s3.createMultipartUpload(b -> headers.applyTo(b.bucket(bucket).key(targetKey)))
                .thenCompose(created -> copyParts(bucket, sourceKey, targetKey, created.uploadId(), size, eTag)
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
                                                          String uploadId, long size, String eTag) {
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
                            .partNumber(number).copySourceRange("bytes=" + first + "-" + last)
                            .copySourceIfMatch(eTag))
                    .thenAccept(r -> copied.add(CompletedPart.builder().partNumber(number)
                            .eTag(r.copyPartResult().eTag()).build()));
        }).thenApply(v -> {
            List<CompletedPart> parts = new ArrayList<>(copied);
            parts.sort(Comparator.comparingInt(CompletedPart::partNumber));
            return parts;
        });
    }
}
