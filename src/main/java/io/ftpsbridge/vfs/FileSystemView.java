package io.ftpsbridge.vfs;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * One user's tree, rooted at its home. Every operation is asynchronous; failures complete the stage with a
 * {@link VfsException}.
 */
public interface FileSystemView {

    /** A page of a listing; the stage it returns completes when the page has been consumed (back-pressure). */
    @FunctionalInterface
    interface PageConsumer {
        CompletionStage<Void> accept(List<FileEntry> page);
    }

    /** Which modification times a listing carries. */
    enum ListingTimes {
        /** What the store's listing holds, nothing looked up (NLST, which shows no times). */
        LISTED,
        /**
         * The times {@link #stat} shows, a time set with {@link ModifyTimes} included, where the store can look them
         * up at a bounded cost; the listed ones elsewhere.
         */
        STORED
    }

    /**
     * Returns {@code path} when this store can hold it; otherwise throws a {@link VfsException} (INVALID_NAME)
     * that says why, such as a key longer than S3 allows. Checked where a client's path is resolved, so that a
     * command is refused before it starts anything (a data transfer, an S3 request).
     */
    VirtualPath requireStorable(VirtualPath path);

    /** The entry at a path, file first, then directory; empty when there is neither. */
    CompletionStage<Optional<FileEntry>> stat(VirtualPath path);

    /**
     * {@link #stat} for the path of a listing, which is most often a directory: the same answer, with the file
     * and the directory question asked at once, so that a directory costs one round trip to storage, not two.
     */
    default CompletionStage<Optional<FileEntry>> statListed(VirtualPath path) {
        return stat(path);
    }

    /** True when the path is a directory (the root always is). */
    CompletionStage<Boolean> isDirectory(VirtualPath path);

    /** Lists a directory page by page, asking for the next page only after the consumer took the last one. */
    default CompletionStage<Void> list(VirtualPath directory, ListingTimes times, PageConsumer consumer) {
        return list(directory, "", times, consumer);
    }

    /**
     * Lists only the entries of a directory whose names start with {@code namePrefix}: the store narrows the
     * listing itself, so a pattern with a literal start costs less than the whole directory, never more.
     */
    CompletionStage<Void> list(VirtualPath directory, String namePrefix, ListingTimes times, PageConsumer consumer);

    /** Opens a file for reading from {@code offset}. */
    CompletionStage<ObjectContent> read(VirtualPath file, long offset);

    /**
     * Starts an upload that replaces the file on completion; callbacks run on {@code executor}. With an
     * {@code announcedSize} of 0 or more (ALLO), exactly that many bytes must arrive or nothing is stored; -1: unknown.
     */
    UploadSink upload(VirtualPath file, long announcedSize, Executor executor);

    /**
     * Starts an upload that keeps the first {@code keep} bytes of the file (REST n + STOR), or all of them when
     * {@code keep} is negative (APPE; a missing file starts empty), followed by what is written; the result
     * replaces the file on completion and nothing changes before. Fails with OFFSET_BEYOND_END when the file is
     * shorter than {@code keep}.
     */
    CompletionStage<UploadSink> resume(VirtualPath file, long keep, Executor executor);

    CompletionStage<Void> delete(VirtualPath file);

    CompletionStage<Void> makeDirectory(VirtualPath directory);

    CompletionStage<Void> removeDirectory(VirtualPath directory);

    CompletionStage<Void> rename(VirtualPath from, VirtualPath to);
}
