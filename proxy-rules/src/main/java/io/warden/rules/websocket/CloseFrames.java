package io.warden.rules.websocket;

/** What a close frame's payload may be (RFC 6455 5.5.1, 7.4): empty, or a sendable code and UTF-8 text. */
public final class CloseFrames {

    static final Violation ONE_BYTE = new Violation(CloseCodes.PROTOCOL_ERROR, "close frame with a 1-byte payload");
    static final Violation BAD_CODE = new Violation(CloseCodes.PROTOCOL_ERROR, "invalid close code");
    static final Violation BAD_REASON = new Violation(CloseCodes.INVALID_PAYLOAD, "close reason is not UTF-8");

    private CloseFrames() {
    }

    /** @param payload the unmasked payload; at most 125 bytes, which the frame rules already ensured */
    public static Violation check(byte[] payload) {
        if (payload.length == 0) {
            return null;
        }
        if (payload.length == 1) {
            return ONE_BYTE;
        }
        if (!CloseCodes.sendable(code(payload))) {
            return BAD_CODE;
        }
        Utf8Validator utf8 = new Utf8Validator();
        return utf8.next(payload, 2, payload.length - 2) && utf8.complete() ? null : BAD_REASON;
    }

    /** The code of a checked payload, or 1005 (no status) for an empty one. */
    public static int code(byte[] payload) {
        return payload.length < 2 ? 1005 : (payload[0] & 0xFF) << 8 | payload[1] & 0xFF;
    }
}
