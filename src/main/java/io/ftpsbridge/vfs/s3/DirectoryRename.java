package io.ftpsbridge.vfs.s3;

import io.ftpsbridge.vfs.VfsException;
import io.ftpsbridge.vfs.VfsException.Reason;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Renames a directory on S3, which has no such operation: every key under the old prefix is copied under the new
 * one, a few at a time, and only once every copy succeeded are the originals deleted. A directory with more
 * keys than {@code bridge.s3.max-rename-keys} is refused before anything changes; a failed copy removes the
 * copies made so far, so the directory is either moved whole or not at all.
 */
final class DirectoryRename {

    /** Copies (or deletes) in flight at once: enough to overlap round trips, few enough not to flood S3. */
    private static final int LANES = 8;

    private final S3AsyncClient s3;
    private final S3Settings settings;
    private final String bucket;

    DirectoryRename(S3AsyncClient s3, S3Settings settings, String bucket) {
        this.s3 = s3;
        this.settings = settings;
        this.bucket = bucket;
    }

    /** Moves every key under {@code fromPrefix} to {@code toPrefix}; the display names are for messages. */
    CompletionStage<Void> rename(String fromPrefix, String toPrefix, String from, String to) {
        return keysUnder(fromPrefix).thenCompose(objects -> {
            List<String> copies = new ArrayList<>();
            ConcurrentLinkedQueue<String> copied = new ConcurrentLinkedQueue<>();
            return Lanes.run(objects, LANES, object -> {
                String target = toPrefix + object.key().substring(fromPrefix.length());
                return new ObjectCopy(s3, settings).copy(bucket, object.key(), target, object.size())
                        .thenRun(() -> copied.add(target));
            }).handle((v, failure) -> {
                if (failure == null) {
                    return CompletableFuture.<Void>completedFuture(null);
                }
                copies.addAll(copied);
                return deleteAll(copies).handle((removed, ignored) -> {
                    throw new VfsException(Reason.FAILED, "renaming " + from + " failed after copying " + copies.size()
                            + " of " + objects.size() + " keys (" + S3Errors.translate(failure, from).getMessage()
                            + "); the copies were removed and nothing was moved", failure);
                });
            }).thenCompose(stage -> stage).thenCompose(v -> deleteAll(objects.stream().map(S3Object::key).toList())
                    .exceptionally(failure -> {
                        throw new VfsException(Reason.FAILED, from + " was copied to " + to + ", but not all originals "
                                + "could be deleted (" + S3Errors.translate(failure, from).getMessage()
                                + "); what remains under " + from + " is a duplicate", failure);
                    }));
        });
    }

    /** Every key under the prefix, its marker included, or a refusal when there are more than the limit. */
    private CompletionStage<List<S3Object>> keysUnder(String prefix) {
        List<S3Object> objects = new ArrayList<>();
        ListObjectsV2Request first = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix)
                .maxKeys(settings.listPageSize()).build();
        return page(first, objects).thenCompose(v -> {
            if (objects.stream().anyMatch(o -> o.key().equals(prefix))) {
                return CompletableFuture.completedFuture(objects);
            }
            // Stores such as S3Proxy leave directory markers out of listings; move the marker too.
            return s3.headObject(b -> b.bucket(bucket).key(prefix)).handle((head, failure) -> {
                if (failure == null) {
                    objects.add(S3Object.builder().key(prefix).size(0L).build());
                }
                return objects;
            });
        });
    }

    private CompletionStage<Void> page(ListObjectsV2Request request, List<S3Object> objects) {
        return s3.listObjectsV2(request).thenCompose(page -> {
            objects.addAll(page.contents());
            if (objects.size() > settings.maxRenameKeys()) {
                throw new VfsException(Reason.UNSUPPORTED, "the directory holds more than " + settings.maxRenameKeys()
                        + " keys, the most a rename may move (bridge.s3.max-rename-keys); nothing was changed");
            }
            if (!Boolean.TRUE.equals(page.isTruncated())) {
                return CompletableFuture.completedFuture(null);
            }
            return page(request.toBuilder().continuationToken(page.nextContinuationToken()).build(), objects);
        });
    }

    private CompletionStage<Void> deleteAll(List<String> keys) {
        return Lanes.run(keys, LANES, key -> s3.deleteObject(b -> b.bucket(bucket).key(key)).thenApply(r -> null));
    }
}
