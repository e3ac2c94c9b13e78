package io.ftpsbridge.datachannel;

/** The data connection's TLS was refused by policy (RFC 4217 §10: the protocol answers 522). */
public class DataProtectionException extends DataChannelException {

    public DataProtectionException(String message) {
        super(message);
    }
}
