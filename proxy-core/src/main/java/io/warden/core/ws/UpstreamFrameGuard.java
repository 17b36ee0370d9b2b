package io.warden.core.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ByteProcessor;
import io.warden.rules.websocket.FrameValidator;
import io.warden.rules.websocket.Opcodes;
import io.warden.rules.websocket.Utf8Validator;
import io.warden.rules.websocket.Violation;

import java.util.List;

/**
 * The upstream's frames on their way to the client: the frame rules (unmasked, no reserved bits,
 * control frames short and whole, a frame-size cap) and UTF-8 in text messages, frame by frame.
 * Messages are neither held nor rate-limited: the upstream is the party Warden protects, and its
 * answers (an AI reply streamed in pieces) should reach the browser as they come.
 */
final class UpstreamFrameGuard extends FrameGuard {

    private final Utf8Validator utf8 = new Utf8Validator();
    private final ByteProcessor utf8Bytes = utf8::next;

    UpstreamFrameGuard(WebSocketRelay relay, int maxFrameBytes) {
        super(relay, new FrameValidator(false, maxFrameBytes, Long.MAX_VALUE, Integer.MAX_VALUE), false);
    }

    @Override
    void data(ByteBuf frame, List<Object> out) {
        if (kind == Opcodes.TEXT) {
            if (opcode == Opcodes.TEXT) {
                utf8.reset();
            }
            if (!validUtf8(frame, frame.readerIndex() + headerLength, payloadLength()) || fin && !utf8.complete()) {
                frame.release();
                relay.upstreamViolation(FrameValidator.INVALID_UTF8);
                return;
            }
        }
        out.add(frame);
    }

    /** Feeds the payload to the validator, skipping eight ASCII bytes at a time between characters. */
    private boolean validUtf8(ByteBuf frame, int from, int length) {
        int i = from;
        int end = from + length;
        if (utf8.complete()) {
            while (i + 8 <= end && (frame.getLong(i) & 0x8080808080808080L) == 0) {
                i += 8;
            }
        }
        return frame.forEachByte(i, end - i, utf8Bytes) < 0;
    }

    @Override
    void violated(Violation violation) {
        relay.upstreamViolation(violation);
    }

    @Override
    boolean ownPong(ByteBuf frame) {
        return false;
    }

    @Override
    void releaseHeld() {
        // nothing is held: upstream frames pass one by one
    }

    /**
     * The upstream connection ended. While Warden closes the connection itself this is its own
     * doing, and the news stops here: passed on, it would make the proxy cut the client off
     * before the client has read Warden's close frame.
     */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (relay.upstreamGone()) {
            super.channelInactive(ctx);
        }
    }
}
