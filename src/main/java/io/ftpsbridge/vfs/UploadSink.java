package io.ftpsbridge.vfs;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

/**
 * Where the bytes of one upload go. Nothing is visible under the target name until {@link #complete()} succeeds;
 * after {@link #abort()} nothing is left behind. Methods are called from one thread at a time.
 */
public interface UploadSink {

    /**
     * Takes the next bytes. The buffer is the caller's again once the call returns (it may be a network buffer
     * that is reused at once): a sink copies what it keeps. The returned stage completes when the sink has room
     * for more: the caller stops reading its source until then, which bounds memory.
     */
    CompletionStage<Void> write(ByteBuffer data);

    /** Stores everything written as the target file; the stage completes once the store has confirmed it. */
    CompletionStage<Void> complete();

    /** Drops the upload and everything stored for it so far. */
    CompletionStage<Void> abort();

    /** Bytes accepted so far. */
    long bytesWritten();
}
