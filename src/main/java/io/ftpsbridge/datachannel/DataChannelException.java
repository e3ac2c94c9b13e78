package io.ftpsbridge.datachannel;

/** The data connection could not be opened or was lost; the protocol answers 425 or 426. */
public class DataChannelException extends RuntimeException {

    public DataChannelException(String message) {
        super(message);
    }

    public DataChannelException(String message, Throwable cause) {
        super(message, cause);
    }
}
