package io.ftpsbridge.vfs;

import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * An optional ability of a store: a file's modification time set by the client, kept with the file and shown by
 * {@link FileSystemView#stat} (and by listings, as far as {@link FileSystemView.ListingTimes#STORED} reaches)
 * instead of the time the store wrote it.
 */
public interface ModifyTimes {

    /**
     * Records {@code modified} as the file's modification time; the bytes stay as they are. Fails with NOT_FOUND
     * for a missing file and NOT_A_FILE for a directory.
     */
    CompletionStage<Void> setModified(VirtualPath file, Instant modified);
}
