package io.ftpsbridge.protocol;

/** FTP reply codes by name (RFC 959 §4.2, RFC 2228, RFC 2428, RFC 3659, RFC 4217). */
public final class ReplyCode {

    public static final int OPENING_DATA_CONNECTION = 150;
    public static final int OK = 200;
    public static final int SUPERFLUOUS = 202;
    public static final int SYSTEM_STATUS = 211;
    public static final int FILE_STATUS = 213;
    public static final int HELP = 214;
    public static final int SYSTEM_TYPE = 215;
    public static final int READY = 220;
    public static final int CLOSING = 221;
    public static final int DATA_OPEN_NO_TRANSFER = 225;
    public static final int TRANSFER_COMPLETE = 226;
    public static final int PASSIVE_MODE = 227;
    public static final int EXTENDED_PASSIVE_MODE = 229;
    public static final int LOGGED_IN = 230;
    public static final int SECURITY_EXCHANGE_OK = 234;
    public static final int FILE_ACTION_OK = 250;
    public static final int PATH_CREATED = 257;
    public static final int NEED_PASSWORD = 331;
    public static final int PENDING_FURTHER_INFO = 350;
    public static final int SERVICE_NOT_AVAILABLE = 421;
    public static final int CANT_OPEN_DATA_CONNECTION = 425;
    public static final int TRANSFER_ABORTED = 426;
    public static final int LOCAL_ERROR = 451;
    public static final int SYNTAX_ERROR = 500;
    public static final int ARGUMENT_SYNTAX_ERROR = 501;
    public static final int NOT_IMPLEMENTED = 502;
    public static final int BAD_SEQUENCE = 503;
    public static final int NOT_IMPLEMENTED_FOR_PARAMETER = 504;
    /** RFC 4217 §9: the data connection cannot be opened with the current PROT setting. */
    public static final int DATA_PROTECTION_REQUIRED = 521;
    /** RFC 2428 §3: network protocol not supported. */
    public static final int NETWORK_PROTOCOL_NOT_SUPPORTED = 522;
    public static final int NOT_LOGGED_IN = 530;
    /** RFC 2228: request denied for policy reasons. */
    public static final int DENIED_FOR_POLICY = 534;
    public static final int FILE_UNAVAILABLE = 550;
    /** RFC 959: requested file action aborted, exceeded storage allocation. */
    public static final int EXCEEDED_STORAGE = 552;
    public static final int FILE_NAME_NOT_ALLOWED = 553;
    /** RFC 3659 §5.4: invalid REST parameter. */
    public static final int INVALID_RESTART = 554;

    private ReplyCode() {
    }
}
