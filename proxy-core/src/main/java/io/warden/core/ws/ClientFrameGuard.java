package io.warden.core.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.warden.rules.websocket.FrameValidator;
import io.warden.rules.websocket.MessageAction;
import io.warden.rules.websocket.Opcodes;
import io.warden.rules.websocket.Utf8Validator;
import io.warden.rules.websocket.Violation;
import io.warden.rules.websocket.WebSocketPolicy;
import io.warden.rules.websocket.WebSocketSession;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The client's frames on their way to the upstream. Beyond the frame rules: each data message is
 * counted against the message rate when it begins (over it, all its fragments are dropped); a
 * binary message's frames pass as they come; a text message is held, fragments and all, until it
 * is complete, checked to be UTF-8 and inspected, and relayed only then, so a refused message
 * never reaches the upstream, not even in part.
 */
final class ClientFrameGuard extends FrameGuard {

    private final WebSocketSession session;
    private final Utf8Validator utf8 = new Utf8Validator();
    private final List<ByteBuf> held = new ArrayList<>(2);
    /** The current message is being dropped, fragments and all. */
    private boolean dropping;
    /** The text message being assembled, unmasked; null between text messages. */
    private byte[] text;
    private int textLength;

    ClientFrameGuard(WebSocketRelay relay, WebSocketSession session) {
        super(relay, validator(session.policy()), true);
        this.session = session;
    }

    private static FrameValidator validator(WebSocketPolicy policy) {
        return new FrameValidator(true, policy.maxFrameBytes(), policy.maxMessageBytes(), policy.maxFragments());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        session.onActivity();
        super.channelRead(ctx, msg);
    }

    @Override
    void data(ByteBuf frame, List<Object> out) {
        if (opcode != Opcodes.CONTINUATION && !begin()) {
            frame.release();
            return;
        }
        if (dropping) {
            frame.release();
            dropping = !fin;
            return;
        }
        if (kind == Opcodes.BINARY) {
            out.add(frame);
            return;
        }
        append(frame);
        held.add(frame);
        if (!utf8.next(text, textLength - payloadLength(), payloadLength()) || fin && !utf8.complete()) {
            relay.clientViolation(FrameValidator.INVALID_UTF8);
            return;
        }
        if (fin) {
            finishText(out);
        }
    }

    /** A message begins: its rate, and for binary its channel; false when the connection is closing. */
    private boolean begin() {
        MessageAction action = session.onMessageStart();
        if (action.kind() == MessageAction.Kind.FORWARD && kind == Opcodes.BINARY) {
            action = session.onBinary();
        }
        if (action.kind() == MessageAction.Kind.CLOSE) {
            relay.closeForMessage(action.violation());
            return false;
        }
        dropping = action.kind() == MessageAction.Kind.DROP;
        if (!dropping && kind == Opcodes.TEXT) {
            utf8.reset();
            text = new byte[fin ? payloadLength() : Math.max(payloadLength(), 1024)];
            textLength = 0;
        }
        return true;
    }

    private void append(ByteBuf frame) {
        int n = payloadLength();
        if (textLength + n > text.length) {
            // bounded: the frame rules keep a message within maxMessageBytes
            text = Arrays.copyOf(text, Math.max(textLength + n, text.length * 2));
        }
        Frames.unmask(frame, frame.readerIndex() + headerLength, n, mask, text, textLength);
        textLength += n;
    }

    private void finishText(List<Object> out) {
        byte[] message = textLength == text.length ? text : Arrays.copyOf(text, textLength);
        text = null;
        MessageAction action = session.onText(message);
        if (action.kind() == MessageAction.Kind.FORWARD) {
            out.addAll(held);
            held.clear();
            return;
        }
        releaseHeld();
        if (action.kind() == MessageAction.Kind.CLOSE) {
            relay.closeForMessage(action.violation());
        }
    }

    @Override
    void violated(Violation violation) {
        relay.clientViolation(violation);
    }

    @Override
    boolean ownPong(ByteBuf frame) {
        return relay.ownPong(frame, frame.readerIndex() + headerLength, payloadLength(), mask);
    }

    @Override
    void releaseHeld() {
        for (int i = 0; i < held.size(); i++) {
            held.get(i).release();
        }
        held.clear();
        text = null;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        relay.clientGone();
        super.channelInactive(ctx);
    }
}
