package io.ftpsbridge.vfs.s3;

import io.ftpsbridge.vfs.FileEntry;
import io.ftpsbridge.vfs.FileSystemView.ListingTimes;
import io.ftpsbridge.vfs.HomeLocation;
import io.ftpsbridge.vfs.VirtualPath;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Paging of a listing: every key once and in order, the next page asked for while the current one is written. */
class ListingPagesTest {

    /** Three pages of three keys each, served at once; records what was asked for. */
    private static final class PagedStore implements S3AsyncClient {
        final List<String> events = new ArrayList<>();

        @Override
        public CompletableFuture<ListObjectsV2Response> listObjectsV2(ListObjectsV2Request request) {
            int page = request.continuationToken() == null ? 0 : Integer.parseInt(request.continuationToken());
            synchronized (events) {
                events.add("fetch " + page);
            }
            List<S3Object> keys = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                keys.add(S3Object.builder().key("alice/dir/f" + page + i).size(1L).lastModified(Instant.EPOCH).build());
            }
            return CompletableFuture.completedFuture(ListObjectsV2Response.builder().contents(keys)
                    .isTruncated(page < 2).nextContinuationToken(page < 2 ? String.valueOf(page + 1) : null).build());
        }

        @Override
        public String serviceName() {
            return "s3";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void everyPageIsWrittenInOrderAndTheNextIsFetchedWhileTheClientReads() throws Exception {
        PagedStore store = new PagedStore();
        S3FileSystemView view = new S3FileSystemView(store, new S3KeyMapper(new HomeLocation("bucket", "alice/"),
                S3Settings.DEFAULT_STAGING_PREFIX),
                new S3Settings(S3Settings.MIN_PART_SIZE, 1, 3, 100, 256L << 20, false, 1000,
                        S3Settings.DEFAULT_STAGING_PREFIX), null, Runnable::run);
        List<String> names = new ArrayList<>();
        view.list(VirtualPath.resolve(VirtualPath.ROOT, "dir"), "", ListingTimes.LISTED, page -> {
            synchronized (store.events) {
                store.events.add("write " + page.size());
            }
            page.stream().map(FileEntry::name).forEach(names::add);
            return CompletableFuture.completedFuture(null);
        }).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertEquals(List.of("f00", "f01", "f02", "f10", "f11", "f12", "f20", "f21", "f22"), names);
        // Page n+1 is asked for before page n is handed to the writer; never more than one page ahead.
        assertEquals(List.of("fetch 0", "fetch 1", "write 3", "fetch 2", "write 3", "write 3"), store.events);
    }
}
