package io.ftpsbridge.vfs.s3;

import io.ftpsbridge.vfs.FileEntry;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;

/**
 * The stored modification times of a listing's files. ListObjectsV2 returns no user metadata, so a time set with
 * MFMT ({@code x-amz-meta-mtime}) costs a HeadObject per file. That is paid only for a directory whose whole listing
 * is one page and holds at most {@code bridge.s3.listing-time-lookups} files; a larger one shows LastModified, so
 * that listing 100,000 keys costs no request more and still streams page by page.
 */
final class ListingTimeLookup {

    private static final Logger LOG = Logger.getLogger(ListingTimeLookup.class);
    /** HeadObject requests in flight for one listing. */
    static final int IN_FLIGHT = 16;

    private final S3AsyncClient s3;
    private final String bucket;
    private final int maxLookups;

    ListingTimeLookup(S3AsyncClient s3, String bucket, int maxLookups) {
        this.s3 = s3;
        this.bucket = bucket;
        this.maxLookups = maxLookups;
    }

    /**
     * The entries listed under {@code prefix}, in the same order, the files with the times stat shows; as they are
     * when {@code wholeDirectory} is false (more pages follow or came before) or there are more files than the limit.
     * A file whose HeadObject fails keeps its LastModified: a listing is not refused for a time.
     */
    CompletionStage<List<FileEntry>> apply(String prefix, List<FileEntry> entries, boolean wholeDirectory) {
        if (!wholeDirectory) {
            return CompletableFuture.completedFuture(entries);
        }
        List<Integer> files = IntStream.range(0, entries.size()).filter(i -> !entries.get(i).directory()).boxed().toList();
        if (files.isEmpty() || files.size() > maxLookups) {
            return CompletableFuture.completedFuture(entries);
        }
        AtomicReferenceArray<FileEntry> shown = new AtomicReferenceArray<>(entries.toArray(FileEntry[]::new));
        return Lanes.run(files, IN_FLIGHT, i -> {
            FileEntry listed = entries.get(i);
            return s3.headObject(b -> b.bucket(bucket).key(prefix + listed.name())).handle((head, failure) -> {
                if (failure == null) {
                    shown.set(i, FileEntry.file(listed.name(), head.contentLength(), StoredModifyTime.of(head)));
                } else {
                    LOG.debugf("modification time of %s%s not looked up: %s", prefix, listed.name(), failure.toString());
                }
                return null;
            });
        }).thenApply(v -> IntStream.range(0, shown.length()).mapToObj(shown::get).toList());
    }
}
