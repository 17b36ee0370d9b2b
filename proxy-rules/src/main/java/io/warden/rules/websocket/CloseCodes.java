package io.warden.rules.websocket;

/** The RFC 6455 close codes Warden sends, and which codes a received close frame may carry. */
public final class CloseCodes {

    public static final int NORMAL = 1000;
    /** The other side is going away: idle, too old, or its peer left. */
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    /** A kind of data the channel does not accept: not JSON on a JSON channel, binary on a text one. */
    public static final int UNSUPPORTED_DATA = 1003;
    public static final int INVALID_PAYLOAD = 1007;
    public static final int POLICY_VIOLATION = 1008;
    public static final int MESSAGE_TOO_BIG = 1009;
    public static final int INTERNAL_ERROR = 1011;

    private CloseCodes() {
    }

    /**
     * Whether a close frame may carry this code on the wire (RFC 6455 7.4): the defined ones, the
     * IANA-registered 1012-1014, and the 3000-4999 ranges for libraries and applications. 1005,
     * 1006 and 1015 are for reporting only and must never be sent.
     */
    public static boolean sendable(int code) {
        return code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 || code >= 3000 && code <= 4999;
    }
}
