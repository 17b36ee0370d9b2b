package io.warden.rules.websocket;

/**
 * The frame-level rules of RFC 6455 for one direction of one connection, decided on each frame's
 * header before its payload is read, plus Warden's size limits: reserved bits and opcodes, masking
 * by direction, control frames short and whole, fragments in order, frame and message sizes, and
 * fragments per message. Keeps the state of the message being fragmented; one instance per
 * direction, confined to the connection's thread.
 *
 * <p>No extension is ever negotiated through Warden (it removes {@code Sec-WebSocket-Extensions}
 * from handshakes), so any reserved bit is a protocol error.
 */
public final class FrameValidator {

    static final Violation RESERVED_BITS = new Violation(CloseCodes.PROTOCOL_ERROR, "reserved bits set");
    static final Violation RESERVED_OPCODE = new Violation(CloseCodes.PROTOCOL_ERROR, "reserved opcode");
    static final Violation UNMASKED = new Violation(CloseCodes.PROTOCOL_ERROR, "client frames must be masked");
    static final Violation MASKED = new Violation(CloseCodes.PROTOCOL_ERROR, "server frames must not be masked");
    static final Violation FRAGMENTED_CONTROL = new Violation(CloseCodes.PROTOCOL_ERROR, "fragmented control frame");
    static final Violation LONG_CONTROL = new Violation(CloseCodes.PROTOCOL_ERROR,
            "control frame longer than 125 bytes");
    static final Violation BAD_LENGTH = new Violation(CloseCodes.PROTOCOL_ERROR, "invalid payload length");
    static final Violation STRAY_CONTINUATION = new Violation(CloseCodes.PROTOCOL_ERROR,
            "continuation frame outside a message");
    static final Violation INTERLEAVED = new Violation(CloseCodes.PROTOCOL_ERROR,
            "new message before the last one ended");
    static final Violation FRAME_TOO_BIG = new Violation(CloseCodes.MESSAGE_TOO_BIG, "frame too large");
    static final Violation MESSAGE_TOO_BIG = new Violation(CloseCodes.MESSAGE_TOO_BIG, "message too large");
    static final Violation TOO_MANY_FRAGMENTS = new Violation(CloseCodes.MESSAGE_TOO_BIG, "too many fragments");
    /** Text must be UTF-8; checked on the payload, which the header rules cannot see. */
    public static final Violation INVALID_UTF8 = new Violation(CloseCodes.INVALID_PAYLOAD, "text message is not UTF-8");

    private final boolean fromClient;
    private final long maxFrameBytes;
    private final long maxMessageBytes;
    private final int maxFragments;

    /** The opcode of the data message in progress (text or binary), or -1 between messages. */
    private int messageOpcode = -1;
    private long messageBytes;
    private int fragments;

    /**
     * @param fromClient frames from the client (must be masked) or from the upstream (must not be)
     * @param maxMessageBytes {@code Long.MAX_VALUE} for no message limit
     * @param maxFragments {@code Integer.MAX_VALUE} for no fragment limit
     */
    public FrameValidator(boolean fromClient, long maxFrameBytes, long maxMessageBytes, int maxFragments) {
        if (maxFrameBytes <= 0 || maxMessageBytes <= 0 || maxFragments <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.fromClient = fromClient;
        this.maxFrameBytes = maxFrameBytes;
        this.maxMessageBytes = maxMessageBytes;
        this.maxFragments = maxFragments;
    }

    /**
     * Checks one frame header and, when it passes, moves the message state past it.
     *
     * @param rsv the three reserved bits, as the low three bits
     * @param length the payload length as decoded; negative when the 64-bit form had its top bit set
     * @return null when the frame may be read and relayed, else why the connection must close
     */
    public Violation check(boolean fin, int rsv, int opcode, boolean masked, long length) {
        if (rsv != 0) {
            return RESERVED_BITS;
        }
        if (!Opcodes.isDefined(opcode)) {
            return RESERVED_OPCODE;
        }
        if (masked != fromClient) {
            return fromClient ? UNMASKED : MASKED;
        }
        if (length < 0) {
            return BAD_LENGTH;
        }
        if (Opcodes.isControl(opcode)) {
            if (!fin) {
                return FRAGMENTED_CONTROL;
            }
            return length > 125 ? LONG_CONTROL : null;
        }
        boolean continuation = opcode == Opcodes.CONTINUATION;
        if (continuation && messageOpcode < 0) {
            return STRAY_CONTINUATION;
        }
        if (!continuation && messageOpcode >= 0) {
            return INTERLEAVED;
        }
        if (length > maxFrameBytes) {
            return FRAME_TOO_BIG;
        }
        long total = (continuation ? messageBytes : 0) + length;
        if (total > maxMessageBytes) {
            return MESSAGE_TOO_BIG;
        }
        int count = (continuation ? fragments : 0) + 1;
        if (count > maxFragments) {
            return TOO_MANY_FRAGMENTS;
        }
        if (fin) {
            messageOpcode = -1;
            messageBytes = 0;
            fragments = 0;
        } else {
            messageOpcode = continuation ? messageOpcode : opcode;
            messageBytes = total;
            fragments = count;
        }
        return null;
    }

    /** The opcode of the data message in progress, or -1 between messages. */
    public int messageOpcode() {
        return messageOpcode;
    }
}
