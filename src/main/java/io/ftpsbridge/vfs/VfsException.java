package io.ftpsbridge.vfs;

/** A storage failure with its cause kept as a reason the protocol can map to a reply. */
public class VfsException extends RuntimeException {

    public enum Reason {
        NOT_FOUND,
        ACCESS_DENIED,
        ALREADY_EXISTS,
        NOT_EMPTY,
        NOT_A_DIRECTORY,
        NOT_A_FILE,
        INVALID_NAME,
        UNSUPPORTED,
        /** Throttling, a 5xx after retries, an unreachable endpoint: worth trying again later. */
        TEMPORARY,
        /** A read offset past the end of the file. */
        OFFSET_BEYOND_END,
        /** The transfer was cut or aborted before it completed. */
        INTERRUPTED,
        /** An upload larger than the store or the configuration allows. */
        TOO_LARGE,
        FAILED
    }

    private final Reason reason;

    public VfsException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public VfsException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
