package io.ftpsbridge.vfs;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** An optional ability of a store: the SHA-256 of a file recorded when it was written, read without the bytes. */
public interface StoredDigests {

    /** The file's size and recorded SHA-256 (hex), or empty when none was recorded. */
    CompletionStage<Optional<StoredDigest>> storedSha256(VirtualPath file);

    record StoredDigest(long size, String sha256) {
    }
}
