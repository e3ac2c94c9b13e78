package io.ftpsbridge.protocol.listing;

import io.ftpsbridge.datachannel.DataChannelException;
import io.ftpsbridge.datachannel.DataConnection;
import io.ftpsbridge.datachannel.SocketTextWriter;
import io.ftpsbridge.datachannel.TransferTask;
import io.ftpsbridge.vfs.FileEntry;
import io.ftpsbridge.vfs.FileSystemView;
import io.ftpsbridge.vfs.VirtualPath;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Streams a directory listing to the data connection page by page: each ListObjectsV2 page is written as it
 * arrives and the next one is asked for only once the socket took it, so memory stays flat however large the
 * directory.
 */
public final class SocketListing implements TransferTask {

    private final DataConnection connection;
    private final FileSystemView fileSystem;
    private final VirtualPath directory;
    private final ListingFormat format;
    private final FileSystemView.ListingTimes times;
    private final List<FileEntry> single;
    private final NameGlob glob;
    private final Promise<Long> done = Promise.promise();
    private long bytes;
    private boolean aborted;
    private boolean ending;
    private CompletableFuture<Void> pendingWrite;

    /**
     * Lists {@code directory}, only the names {@code glob} matches when it is given; when {@code single} is given,
     * writes just that entry (LIST of a file). {@code times}: whether the format shows modification times that are
     * worth looking up.
     */
    public SocketListing(DataConnection connection, FileSystemView fileSystem, VirtualPath directory,
                         ListingFormat format, FileSystemView.ListingTimes times, List<FileEntry> single, NameGlob glob) {
        this.connection = connection;
        this.fileSystem = fileSystem;
        this.directory = directory;
        this.format = format;
        this.times = times;
        this.single = single;
        this.glob = glob;
    }

    @Override
    public Future<Long> start() {
        SocketTextWriter writer = new SocketTextWriter(connection.socket());
        connection.socket().exceptionHandler(e -> abort());
        connection.socket().closeHandler(v -> {
            if (!ending) {
                abort();
            }
        });
        CompletionStage<Void> listed = single != null
                ? writePage(writer, single)
                : glob == null ? fileSystem.list(directory, times, page -> writePage(writer, page))
                : fileSystem.list(directory, glob.literalPrefix(), times, page -> writePage(writer,
                        page.stream().filter(e -> glob.matches(e.name())).toList()));
        listed.whenComplete((v, failure) -> connection.context().runOnContext(x -> {
            if (failure != null) {
                done.tryFail(failure);
            } else if (aborted) {
                done.tryFail(new DataChannelException("listing aborted"));
            } else {
                ending = true;
                connection.socket().end().onComplete(ended -> done.tryComplete(bytes));
            }
        }));
        return done.future();
    }

    /**
     * Renders the page where it arrived (the storage client's thread), so that only the socket write waits for the
     * data connection's event loop, which may also be the one parsing the next page.
     */
    private CompletionStage<Void> writePage(SocketTextWriter writer, List<FileEntry> page) {
        StringBuilder text = new StringBuilder(page.size() * 72);
        for (FileEntry entry : page) {
            text.append(format.line(entry)).append("\r\n");
        }
        Buffer buffer = Buffer.buffer(text.toString());
        CompletableFuture<Void> written = new CompletableFuture<>();
        connection.context().runOnContext(v -> {
            if (aborted) {
                written.completeExceptionally(new DataChannelException("listing aborted"));
                return;
            }
            bytes += buffer.length();
            pendingWrite = written;
            writer.write(buffer).onComplete(ar -> written.complete(null));
        });
        return written;
    }

    @Override
    public long progress() {
        return bytes;
    }

    @Override
    public void abort() {
        aborted = true;
        if (pendingWrite != null) {
            pendingWrite.completeExceptionally(new DataChannelException("listing aborted"));
        }
        connection.socket().close();
        done.tryFail(new DataChannelException("listing aborted"));
    }
}
