package io.ftpsbridge.vfs.s3;

import io.ftpsbridge.vfs.VfsException;
import io.ftpsbridge.vfs.VfsException.Reason;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import java.util.concurrent.CompletableFuture;

/** Where an upload goes, and how its failures read: the client's path, not the key, which shows the home's prefix. */
record UploadTarget(S3AsyncClient s3, String bucket, String key, String displayPath) {

    VfsException translate(Throwable failure) {
        return S3Errors.translate(failure, displayPath);
    }

    /** What a write or completion gets once the upload failed or was closed; null while it is open. */
    <T> CompletableFuture<T> refusal(Throwable failure, boolean closed) {
        if (failure != null) {
            return CompletableFuture.failedFuture(translate(failure));
        }
        return closed ? CompletableFuture.failedFuture(new IllegalStateException("upload already closed")) : null;
    }

    /** More or fewer bytes than ALLO announced: the upload fails and stores nothing. */
    VfsException sizeMismatch(long announced, long received) {
        return new VfsException(Reason.INTERRUPTED, displayPath + ": ALLO announced " + announced + " bytes but "
                + (received > announced ? "more" : received) + " arrived; nothing was stored");
    }
}
