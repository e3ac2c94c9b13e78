package io.ftpsbridge.vfs.s3;

import io.ftpsbridge.vfs.FileEntry;
import io.ftpsbridge.vfs.FileSystemView;
import io.ftpsbridge.vfs.ModifyTimes;
import io.ftpsbridge.vfs.ObjectContent;
import io.ftpsbridge.vfs.StoredDigests;
import io.ftpsbridge.vfs.UploadSink;
import io.ftpsbridge.vfs.VfsException;
import io.ftpsbridge.vfs.VfsException.Reason;
import io.ftpsbridge.vfs.VirtualPath;
import org.reactivestreams.FlowAdapters;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** A home on S3: directories are key prefixes (with an optional zero-byte {@code dir/} marker), files are objects. */
final class S3FileSystemView implements FileSystemView, StoredDigests, ModifyTimes {

    /** User metadata holding the SHA-256 of an object written in one PutObject ({@code x-amz-meta-sha256}). */
    static final String SHA256_METADATA = "sha256";

    private final S3AsyncClient s3;
    private final S3KeyMapper keys;
    private final S3Settings settings;
    private final ListingTimeLookup listingTimes;
    private final UploadBufferBudget budget;
    /** Computes the MD5s of upload parts, off the connections' threads. */
    private final Executor digests;

    S3FileSystemView(S3AsyncClient s3, S3KeyMapper keys, S3Settings settings, UploadBufferBudget budget,
                     Executor digests) {
        this.s3 = s3;
        this.keys = keys;
        this.settings = settings;
        this.listingTimes = new ListingTimeLookup(s3, keys.bucket(), settings.listingTimeLookups());
        this.budget = budget;
        this.digests = digests;
    }

    @Override
    public VirtualPath requireStorable(VirtualPath path) {
        if (!path.isRoot()) {
            keys.fileKey(path);  // throws INVALID_NAME for a key over S3's 1024 bytes
        }
        return path;
    }

    @Override
    public CompletionStage<Optional<FileEntry>> stat(VirtualPath path) {
        if (path.isRoot()) {
            return CompletableFuture.completedFuture(Optional.of(FileEntry.directory("/", Instant.now())));
        }
        return fileOrDirectory(path, () -> firstKeyUnder(path));
    }

    @Override
    public CompletionStage<Optional<FileEntry>> statListed(VirtualPath path) {
        if (path.isRoot()) {
            return stat(path);
        }
        // Asked now, beside the HeadObject, rather than after its 404.
        CompletionStage<ListObjectsV2Response> under = firstKeyUnder(path);
        return fileOrDirectory(path, () -> under);
    }

    /** The file at the path's key; where there is none, the directory, from {@code under} (its first key). */
    private CompletionStage<Optional<FileEntry>> fileOrDirectory(VirtualPath path,
                                                                 Supplier<CompletionStage<ListObjectsV2Response>> under) {
        String key = keys.fileKey(path);
        return s3.headObject(b -> b.bucket(keys.bucket()).key(key))
                .handle((head, failure) -> {
                    if (failure == null) {
                        return CompletableFuture.completedFuture(Optional.of(
                                FileEntry.file(path.name(), head.contentLength(), StoredModifyTime.of(head))));
                    }
                    if (S3Errors.isNotFound(failure)) {
                        return directoryEntry(path, under.get());
                    }
                    return CompletableFuture.<Optional<FileEntry>>failedFuture(S3Errors.translate(failure, path.toString()));
                })
                .thenCompose(stage -> stage);
    }

    private CompletionStage<Optional<FileEntry>> directoryEntry(VirtualPath path) {
        return directoryEntry(path, firstKeyUnder(path));
    }

    private CompletionStage<ListObjectsV2Response> firstKeyUnder(VirtualPath path) {
        return s3.listObjectsV2(b -> b.bucket(keys.bucket()).prefix(keys.directoryPrefix(path)).maxKeys(1));
    }

    /**
     * A directory exists if any key lies under it ({@code under}: the first one) or its marker exists. The marker
     * is also looked for by HeadObject, since some S3-compatible stores (S3Proxy) leave markers out of listings.
     */
    private CompletionStage<Optional<FileEntry>> directoryEntry(VirtualPath path,
                                                                CompletionStage<ListObjectsV2Response> under) {
        String prefix = keys.directoryPrefix(path);
        return under
                .handle((page, failure) -> {
                    if (failure != null) {
                        return CompletableFuture.<Optional<FileEntry>>failedFuture(S3Errors.translate(failure, path.toString()));
                    }
                    if (!page.contents().isEmpty()) {
                        S3Object first = page.contents().get(0);
                        Instant modified = first.key().equals(prefix) ? first.lastModified() : Instant.now();
                        return CompletableFuture.completedFuture(Optional.of(FileEntry.directory(path.name(), modified)));
                    }
                    return marker(path, prefix);
                })
                .thenCompose(stage -> stage);
    }

    private CompletionStage<Optional<FileEntry>> marker(VirtualPath path, String markerKey) {
        return s3.headObject(b -> b.bucket(keys.bucket()).key(markerKey))
                .handle((head, failure) -> {
                    if (failure == null) {
                        return Optional.of(FileEntry.directory(path.name(), head.lastModified()));
                    }
                    if (S3Errors.isNotFound(failure)) {
                        return Optional.<FileEntry>empty();
                    }
                    throw S3Errors.translate(failure, path.toString());
                });
    }

    @Override
    public CompletionStage<Boolean> isDirectory(VirtualPath path) {
        if (path.isRoot()) {
            return CompletableFuture.completedFuture(true);
        }
        return directoryEntry(path).thenApply(Optional::isPresent);
    }

    @Override
    public CompletionStage<Void> list(VirtualPath directory, String namePrefix, ListingTimes times, PageConsumer consumer) {
        String prefix = keys.directoryPrefix(directory);
        ListObjectsV2Request first = ListObjectsV2Request.builder().bucket(keys.bucket()).prefix(prefix + namePrefix)
                .delimiter("/").maxKeys(settings.listPageSize()).build();
        return listPage(directory, prefix, first, fetch(directory, first), times, consumer, namePrefix.isEmpty());
    }

    private CompletionStage<ListObjectsV2Response> fetch(VirtualPath directory, ListObjectsV2Request request) {
        return s3.listObjectsV2(request).exceptionally(failure -> {
            throw S3Errors.translate(failure, directory.toString());
        });
    }

    /**
     * {@code checkEmpty}: an empty first page means a file or nothing, not an empty directory, and is looked into.
     * The next page is asked for as soon as this one arrives, while this one is written, so S3's latency overlaps
     * the client's reading; at most two pages are held.
     */
    private CompletionStage<Void> listPage(VirtualPath directory, String prefix, ListObjectsV2Request request,
                                           CompletionStage<ListObjectsV2Response> fetched, ListingTimes times,
                                           PageConsumer consumer, boolean checkEmpty) {
        return fetched
                .thenCompose(page -> {
                    if (checkEmpty && isEmpty(page) && !directory.isRoot()) {
                        // Nothing under the prefix: either a file (list it alone, as ls does) or nothing at all.
                        return stat(directory).thenCompose(entry -> {
                            if (entry.isEmpty()) {
                                throw new VfsException(Reason.NOT_FOUND, directory + ": no such file or directory");
                            }
                            return entry.get().directory()
                                    ? CompletableFuture.completedFuture(null)
                                    : consumer.accept(List.of(entry.get()));
                        });
                    }
                    boolean truncated = Boolean.TRUE.equals(page.isTruncated());
                    ListObjectsV2Request next = truncated
                            ? request.toBuilder().continuationToken(page.nextContinuationToken()).build() : null;
                    CompletionStage<ListObjectsV2Response> nextFetched = truncated ? fetch(directory, next) : null;
                    List<FileEntry> listed = entries(prefix, page);
                    CompletionStage<List<FileEntry>> shown = times == ListingTimes.STORED
                            ? listingTimes.apply(prefix, listed, request.continuationToken() == null && !truncated)
                            : CompletableFuture.completedFuture(listed);
                    CompletionStage<Void> consumed = shown.thenCompose(entries -> entries.isEmpty()
                            ? CompletableFuture.completedFuture(null) : consumer.accept(entries));
                    if (!truncated) {
                        return consumed;
                    }
                    return consumed.thenCompose(v -> listPage(directory, prefix, next, nextFetched, times, consumer, false));
                });
    }

    private static boolean isEmpty(ListObjectsV2Response page) {
        return page.contents().isEmpty() && page.commonPrefixes().isEmpty();
    }

    /** The entries of a page; what lies in the bridge's staging area is left out. */
    private List<FileEntry> entries(String prefix, ListObjectsV2Response page) {
        Instant now = Instant.now();
        List<FileEntry> entries = new ArrayList<>(page.commonPrefixes().size() + page.contents().size());
        for (CommonPrefix p : page.commonPrefixes()) {
            String name = S3KeyMapper.entryName(prefix, p.prefix());
            if (isListable(name) && !keys.isStaging(p.prefix())) {
                entries.add(FileEntry.directory(name, now));
            }
        }
        for (S3Object object : page.contents()) {
            String name = S3KeyMapper.entryName(prefix, object.key());
            // The directory's own marker lists as nothing; names FTP cannot carry on one line are left out.
            if (!object.key().equals(prefix) && !object.key().endsWith("/") && isListable(name)
                    && !keys.isStaging(object.key())) {
                entries.add(FileEntry.file(name, object.size(), object.lastModified()));
            }
        }
        return entries;
    }

    private static boolean isListable(String name) {
        return !name.isEmpty() && name.indexOf('\r') < 0 && name.indexOf('\n') < 0;
    }

    @Override
    public CompletionStage<ObjectContent> read(VirtualPath file, long offset) {
        String key = keys.fileKey(file);
        return s3.getObject(b -> {
                    b.bucket(keys.bucket()).key(key);
                    if (offset > 0) {
                        b.range("bytes=" + offset + "-");
                    }
                }, AsyncResponseTransformer.toPublisher())
                .handle((response, failure) -> {
                    if (failure == null) {
                        ObjectContent content = new ObjectContent(response.response().contentLength(),
                                FlowAdapters.toFlowPublisher(response));
                        return CompletableFuture.completedFuture(content);
                    }
                    if (S3Errors.unwrap(failure) instanceof S3Exception e && e.statusCode() == 416) {
                        return emptyAtEnd(file, key, offset);
                    }
                    return CompletableFuture.<ObjectContent>failedFuture(S3Errors.translate(failure, file.toString()));
                })
                .thenCompose(stage -> stage);
    }

    /** S3 answers 416 for a range starting at the size; FTP wants an empty transfer there and 554 past it. */
    private CompletionStage<ObjectContent> emptyAtEnd(VirtualPath file, String key, long offset) {
        return s3.headObject(b -> b.bucket(keys.bucket()).key(key))
                .exceptionally(failure -> {
                    throw S3Errors.translate(failure, file.toString());
                })
                .thenApply(head -> {
                    if (offset == head.contentLength()) {
                        return new ObjectContent(0, FlowAdapters.toFlowPublisher(AsyncRequestBody.empty()));
                    }
                    throw new VfsException(Reason.OFFSET_BEYOND_END,
                            "restart offset " + offset + " is past the end of the file (" + head.contentLength() + " bytes)");
                });
    }

    /**
     * An announced size above one part and up to S3's single PutObject limit streams as one PutObject with no
     * buffer. Up to one part it is buffered (claiming exactly that size), which keeps Content-MD5 and the recorded
     * SHA-256; above 5 GiB it is a multipart upload. Either way the announced size must be what arrives.
     */
    @Override
    public UploadSink upload(VirtualPath file, long announcedSize, Executor executor) {
        if (announcedSize > settings.partSize() && announcedSize <= S3Settings.MAX_SINGLE_PUT) {
            return new StreamingPutSink(target(file), announcedSize, settings.sdkChecksums(), executor);
        }
        return multipart(file, announcedSize, executor);
    }

    private MultipartUploadSink multipart(VirtualPath file, long announcedSize, Executor executor) {
        return new MultipartUploadSink(target(file), settings, budget, announcedSize, executor, digests);
    }

    private UploadTarget target(VirtualPath file) {
        return new UploadTarget(s3, keys.bucket(), keys.fileKey(file), file.toString());
    }

    @Override
    public CompletionStage<UploadSink> resume(VirtualPath file, long keep, Executor executor) {
        String key = keys.fileKey(file);
        return s3.headObject(b -> b.bucket(keys.bucket()).key(key))
                .handle((head, failure) -> {
                    if (failure != null && !S3Errors.isNotFound(failure)) {
                        throw S3Errors.translate(failure, file.toString());
                    }
                    long size = failure == null ? head.contentLength() : 0;
                    long kept = keep < 0 ? size : keep;
                    if (kept > size) {
                        throw new VfsException(Reason.OFFSET_BEYOND_END, "restart offset " + kept
                                + " is past the end of " + file + " (" + size + " bytes)");
                    }
                    MultipartUploadSink sink = multipart(file, -1, executor);
                    if (kept == 0) {
                        return CompletableFuture.<UploadSink>completedFuture(sink);
                    }
                    if (kept >= S3Settings.MIN_PART_SIZE) {
                        sink.keepExisting(kept);
                        return CompletableFuture.<UploadSink>completedFuture(sink);
                    }
                    // Too small for UploadPartCopy (5 MiB minimum): read the head and send it again, once its buffer
                    // is granted from the budget.
                    return sink.ready()
                            .thenCompose(v -> s3.getObject(b -> b.bucket(keys.bucket()).key(key).range("bytes=0-" + (kept - 1)),
                                    AsyncResponseTransformer.toBytes()))
                            .thenComposeAsync(bytes -> sink.write(bytes.asByteBuffer()), executor)
                            .handle((v, error) -> {
                                if (error != null) {
                                    sink.abort();
                                    throw S3Errors.translate(error, file.toString());
                                }
                                return (UploadSink) sink;
                            });
                })
                .thenCompose(stage -> stage)
                .exceptionally(failure -> {
                    throw S3Errors.translate(failure, file.toString());
                });
    }

    @Override
    public CompletionStage<Optional<StoredDigest>> storedSha256(VirtualPath file) {
        String key = keys.fileKey(file);
        return s3.headObject(b -> b.bucket(keys.bucket()).key(key))
                .handle((head, failure) -> {
                    if (failure != null) {
                        throw S3Errors.translate(failure, file.toString());
                    }
                    String sha256 = head.metadata().get(SHA256_METADATA);
                    return sha256 != null && sha256.matches("[0-9a-f]{64}")
                            ? Optional.of(new StoredDigest(head.contentLength(), sha256)) : Optional.<StoredDigest>empty();
                });
    }

    /**
     * Keeps the time in {@code x-amz-meta-mtime} by copying the object onto itself with the metadata replaced (above
     * 5 GiB by a multipart copy onto itself); its other metadata and content headers are stated again unchanged. A
     * directory is a key prefix, which has no metadata, and gets NOT_A_FILE.
     */
    @Override
    public CompletionStage<Void> setModified(VirtualPath file, Instant modified) {
        if (file.isRoot()) {
            return CompletableFuture.failedFuture(new VfsException(Reason.NOT_A_FILE,
                    "/: a directory; only files keep a modification time on S3"));
        }
        String key = keys.fileKey(file);
        return s3.headObject(b -> b.bucket(keys.bucket()).key(key))
                .handle((head, failure) -> {
                    if (failure == null) {
                        ObjectHeaders headers = ObjectHeaders.of(head)
                                .withMetadata(StoredModifyTime.METADATA, StoredModifyTime.format(modified));
                        return new ObjectCopy(s3, settings).replaceHeaders(keys.bucket(), key, head.contentLength(),
                                head.eTag(), headers);
                    }
                    if (!S3Errors.isNotFound(failure)) {
                        return CompletableFuture.<Void>failedFuture(failure);
                    }
                    return directoryEntry(file).thenAccept(directory -> {
                        if (directory.isEmpty()) {
                            throw new VfsException(Reason.NOT_FOUND, file + ": no such file");
                        }
                        throw new VfsException(Reason.NOT_A_FILE, file + ": a directory; S3 keeps directories as "
                                + "key prefixes, which have no metadata to hold a modification time");
                    });
                })
                .thenCompose(stage -> stage)
                .exceptionally(failure -> {
                    if (S3Errors.unwrap(failure) instanceof S3Exception e && e.statusCode() == 412) {
                        throw new VfsException(Reason.TEMPORARY, file + ": the file changed while its time was being "
                                + "set; nothing was changed, try again", e);
                    }
                    throw S3Errors.translate(failure, file.toString());
                });
    }

    @Override
    public CompletionStage<Void> delete(VirtualPath file) {
        String key = keys.fileKey(file);
        // DeleteObject succeeds for a missing key; FTP must say 550, so look first.
        return s3.headObject(b -> b.bucket(keys.bucket()).key(key))
                .exceptionally(failure -> {
                    throw S3Errors.translate(failure, file.toString());
                })
                .thenCompose(head -> s3.deleteObject(b -> b.bucket(keys.bucket()).key(key)))
                .handle((deleted, failure) -> {
                    if (failure != null) {
                        throw S3Errors.translate(failure, file.toString());
                    }
                    return null;
                });
    }

    @Override
    public CompletionStage<Void> makeDirectory(VirtualPath directory) {
        if (directory.isRoot()) {
            return CompletableFuture.failedFuture(new VfsException(Reason.ALREADY_EXISTS, "/: directory exists"));
        }
        String marker = keys.directoryPrefix(directory);
        return stat(directory)
                .thenCompose(existing -> {
                    if (existing.isPresent()) {
                        throw new VfsException(Reason.ALREADY_EXISTS, directory + ": "
                                + (existing.get().directory() ? "directory" : "file") + " exists");
                    }
                    return isDirectory(directory.parent());
                })
                .thenCompose(parentExists -> {
                    if (!parentExists) {
                        throw new VfsException(Reason.NOT_FOUND, directory.parent() + ": no such directory");
                    }
                    return s3.putObject(b -> b.bucket(keys.bucket()).key(marker).contentLength(0L),
                            AsyncRequestBody.empty());
                })
                .handle((put, failure) -> {
                    if (failure != null) {
                        throw S3Errors.translate(failure, directory.toString());
                    }
                    return null;
                });
    }

    @Override
    public CompletionStage<Void> removeDirectory(VirtualPath directory) {
        if (directory.isRoot()) {
            return CompletableFuture.failedFuture(new VfsException(Reason.ACCESS_DENIED, "the home directory cannot be removed"));
        }
        String marker = keys.directoryPrefix(directory);
        return s3.listObjectsV2(b -> b.bucket(keys.bucket()).prefix(marker).maxKeys(2))
                .thenCompose(page -> {
                    boolean markerListed = page.contents().stream().anyMatch(o -> o.key().equals(marker));
                    if (page.contents().size() > (markerListed ? 1 : 0)) {
                        throw new VfsException(Reason.NOT_EMPTY, directory + ": directory not empty");
                    }
                    return markerListed ? CompletableFuture.completedFuture(true)
                            : marker(directory, marker).thenApply(Optional::isPresent);
                })
                .thenCompose(exists -> {
                    if (!exists) {
                        throw new VfsException(Reason.NOT_FOUND, directory + ": no such directory");
                    }
                    return s3.deleteObject(b -> b.bucket(keys.bucket()).key(marker));
                })
                .handle((deleted, failure) -> {
                    if (failure != null) {
                        throw S3Errors.translate(failure, directory.toString());
                    }
                    return null;
                });
    }

    @Override
    public CompletionStage<Void> rename(VirtualPath from, VirtualPath to) {
        if (from.equals(to)) {
            return stat(from).thenAccept(source -> {
                if (source.isEmpty()) {
                    throw new VfsException(Reason.NOT_FOUND, from + ": no such file or directory");
                }
            });
        }
        return stat(from)
                .thenCompose(source -> {
                    if (source.isEmpty()) {
                        throw new VfsException(Reason.NOT_FOUND, from + ": no such file or directory");
                    }
                    return stat(to).thenCompose(target -> {
                        if (target.isPresent() && (target.get().directory() || source.get().directory())) {
                            throw new VfsException(Reason.ALREADY_EXISTS, to + ": "
                                    + (target.get().directory() ? "a directory" : "a file") + " of that name exists");
                        }
                        if (source.get().directory()) {
                            if (from.contains(to)) {
                                throw new VfsException(Reason.INVALID_NAME, to + ": a directory cannot be moved into itself");
                            }
                            if (keys.holdsStaging(keys.directoryPrefix(from))) {
                                throw new VfsException(Reason.ACCESS_DENIED, from + ": holds the server's staging area "
                                        + "and cannot be moved");
                            }
                            return new DirectoryRename(s3, settings, keys.bucket()).rename(keys.directoryPrefix(from),
                                    keys.directoryPrefix(to), from.toString(), to.toString());
                        }
                        // A file replaces a file of the new name, as rename(2) does.
                        return new ObjectCopy(s3, settings).copy(keys.bucket(), keys.fileKey(from), keys.fileKey(to),
                                        source.get().size())
                                .thenCompose(copied -> s3.deleteObject(b -> b.bucket(keys.bucket()).key(keys.fileKey(from))))
                                .thenApply(deleted -> (Void) null);
                    });
                })
                .handle((done, failure) -> {
                    if (failure != null) {
                        throw S3Errors.translate(failure, from.toString());
                    }
                    return null;
                });
    }
}
