package io.warden.core.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.warden.rules.websocket.CloseFrames;
import io.warden.rules.websocket.FrameValidator;
import io.warden.rules.websocket.Opcodes;
import io.warden.rules.websocket.Violation;

import java.util.List;

/**
 * Reads one direction of a WebSocket connection frame by frame and lets through only frames that
 * keep the rules, as the very bytes that came (a masked client frame reaches the upstream with its
 * own mask): nothing is re-encoded. Each frame's header is judged as soon as it is complete, so an
 * oversized frame is refused before its payload is read; a frame is relayed only once it is whole,
 * which is what lets Warden put its own control frames (ping, close) between frames safely.
 *
 * <p>Three modes: relaying; discarding (after this side sent a close frame, or while Warden closes
 * the connection and waits for the peer's close frame, so the peer reads Warden's close frame
 * before the connection goes, rather than a reset); stopped (every byte dropped).
 *
 * <p>One frame per {@link #decode} call, so frames relayed before a violation leave before the
 * close frame Warden sends because of it.
 */
abstract class FrameGuard extends ByteToMessageDecoder {

    private enum Mode { RELAY, DISCARD, STOPPED }

    final WebSocketRelay relay;
    private final FrameValidator validator;
    private final boolean fromClient;

    private Mode mode = Mode.RELAY;
    /** In discard mode: whether a close frame from the peer ends Warden's wait. */
    private boolean awaitingClose;
    /** In discard mode: bytes of the current frame still to skip. */
    private long skip;

    /** The header of the frame being read, judged once, valid while {@link #headerRead}. */
    private boolean headerRead;
    boolean fin;
    int opcode;
    /** The opcode of the message this frame belongs to: a continuation's is its message's. */
    int kind;
    private int rsv;
    private boolean masked;
    int headerLength;
    private long length;
    int mask;

    FrameGuard(WebSocketRelay relay, FrameValidator validator, boolean fromClient) {
        this.relay = relay;
        this.validator = validator;
        this.fromClient = fromClient;
    }

    /** A data frame (text, binary or continuation) that passed the frame rules; the guard owns it. */
    abstract void data(ByteBuf frame, List<Object> out);

    /** The frame broke a rule: the guard is discarding by now; the relay closes the connection. */
    abstract void violated(Violation violation);

    /** Whether a pong is the answer to Warden's own ping, and so not to be relayed. */
    abstract boolean ownPong(ByteBuf frame);

    /** Gives back data frames held for a message not yet relayed. */
    abstract void releaseHeld();

    @Override
    protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (mode) {
            case RELAY -> relayOne(in, out);
            case DISCARD -> discard(in);
            default -> in.skipBytes(in.readableBytes());
        }
    }

    /** Warden is closing the connection: read on, drop everything, and tell the relay when the peer's close frame comes. */
    void awaitClose() {
        enterDiscard(true);
    }

    /** Warden is done with this side: every further byte is dropped. */
    void stop() {
        mode = Mode.STOPPED;
        releaseHeld();
    }

    int payloadLength() {
        return (int) length;
    }

    private void relayOne(ByteBuf in, List<Object> out) {
        if (!headerRead) {
            if (!readHeader(in)) {
                return;
            }
            int message = validator.messageOpcode();
            Violation violation = validator.check(fin, rsv, opcode, masked, length);
            if (violation != null) {
                enterDiscard(false);
                violated(violation);
                return;
            }
            kind = opcode == Opcodes.CONTINUATION ? message : opcode;
            headerRead = true;
        }
        if (in.readableBytes() < headerLength + length) {
            return;
        }
        headerRead = false;
        ByteBuf frame = in.readRetainedSlice(headerLength + (int) length);
        if (!Opcodes.isControl(opcode)) {
            data(frame, out);
        } else if (opcode == Opcodes.CLOSE) {
            close(frame, out);
        } else if (opcode == Opcodes.PONG && ownPong(frame)) {
            frame.release();
        } else {
            out.add(frame);
        }
    }

    /** A close frame is checked, relayed, and ends what this side may send. */
    private void close(ByteBuf frame, List<Object> out) {
        byte[] payload = new byte[(int) length];
        Frames.unmask(frame, frame.readerIndex() + headerLength, payload.length, mask, payload, 0);
        Violation violation = CloseFrames.check(payload);
        if (violation != null) {
            frame.release();
            enterDiscard(false);
            violated(violation);
            return;
        }
        relay.closeFrame(fromClient, CloseFrames.code(payload));
        out.add(frame);
        enterDiscard(false);
    }

    private void enterDiscard(boolean watchForClose) {
        if (mode == Mode.RELAY) {
            // the frame under way (if its header was read) is skipped whole; the header is still unread
            skip = headerRead ? headerLength + length : 0;
            headerRead = false;
        }
        mode = Mode.DISCARD;
        awaitingClose = watchForClose;
        releaseHeld();
    }

    private void discard(ByteBuf in) {
        while (in.isReadable()) {
            if (skip > 0) {
                int n = (int) Math.min(skip, in.readableBytes());
                in.skipBytes(n);
                skip -= n;
                continue;
            }
            if (!readHeader(in)) {
                return;
            }
            if (awaitingClose && opcode == Opcodes.CLOSE) {
                mode = Mode.STOPPED;
                in.skipBytes(in.readableBytes());
                relay.peerClosed(fromClient);
                return;
            }
            skip = length < 0 ? Long.MAX_VALUE : headerLength + length;
        }
    }

    /**
     * Reads the header at the reader index without consuming it: false until all of it (2 to 14
     * bytes) has arrived. A length in a longer form than needed, or with the top bit set, reads as -1.
     */
    private boolean readHeader(ByteBuf in) {
        int readable = in.readableBytes();
        if (readable < 2) {
            return false;
        }
        int at = in.readerIndex();
        int b0 = in.getUnsignedByte(at);
        int b1 = in.getUnsignedByte(at + 1);
        int len7 = b1 & 0x7F;
        masked = (b1 & 0x80) != 0;
        headerLength = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + (masked ? 4 : 0);
        if (readable < headerLength) {
            return false;
        }
        fin = (b0 & 0x80) != 0;
        rsv = (b0 >> 4) & 0x7;
        opcode = b0 & 0xF;
        if (len7 < 126) {
            length = len7;
        } else if (len7 == 126) {
            length = in.getUnsignedShort(at + 2);
            length = length < 126 ? -1 : length;
        } else {
            length = in.getLong(at + 2);
            length = length <= 0xFFFF ? -1 : length;
        }
        mask = masked ? in.getInt(at + headerLength - 4) : 0;
        return true;
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        releaseHeld();
    }
}
