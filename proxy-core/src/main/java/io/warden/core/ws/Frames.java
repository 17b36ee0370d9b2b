package io.warden.core.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.warden.rules.websocket.Opcodes;
import io.warden.rules.websocket.Violation;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The few frames Warden writes itself (close and ping), and unmasking. Everything else on the
 * wire is the peers' own frames, relayed as they came.
 */
final class Frames {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Frames() {
    }

    /**
     * A close frame carrying the violation's code and reason.
     *
     * @param masked true towards the upstream (Warden is its client, and client frames are
     *               masked), false towards the client
     */
    static ByteBuf close(ByteBufAllocator alloc, Violation violation, boolean masked) {
        byte[] reason = violation.reason().getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + reason.length];
        payload[0] = (byte) (violation.closeCode() >> 8);
        payload[1] = (byte) violation.closeCode();
        System.arraycopy(reason, 0, payload, 2, reason.length);
        return control(alloc, Opcodes.CLOSE, payload, masked);
    }

    /** A ping to the client (unmasked: Warden is its server). */
    static ByteBuf ping(ByteBufAllocator alloc, byte[] payload) {
        return control(alloc, Opcodes.PING, payload, false);
    }

    /**
     * A control frame: payloads of at most 125 bytes, so the one-byte length form. The mask key
     * need not be secret here: masking defends intermediaries against payloads an attacker
     * chose, and Warden chose these.
     */
    private static ByteBuf control(ByteBufAllocator alloc, int opcode, byte[] payload, boolean masked) {
        ByteBuf frame = alloc.buffer(2 + (masked ? 4 : 0) + payload.length);
        frame.writeByte(0x80 | opcode);
        frame.writeByte((masked ? 0x80 : 0) | payload.length);
        if (!masked) {
            frame.writeBytes(payload);
            return frame;
        }
        int mask = ThreadLocalRandom.current().nextInt();
        frame.writeInt(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.writeByte(payload[i] ^ maskByte(mask, i));
        }
        return frame;
    }

    /**
     * Copies a frame's payload ({@code length} bytes at {@code from}) into {@code to} at {@code at},
     * unmasked with the frame's key (0 for an unmasked frame, where XOR changes nothing).
     */
    static void unmask(ByteBuf frame, int from, int length, int mask, byte[] to, int at) {
        frame.getBytes(from, to, at, length);
        if (mask == 0) {
            return;
        }
        // eight bytes at a time: the key, repeated twice, lines up with every 8-byte step
        long key = (mask & 0xFFFFFFFFL) << 32 | (mask & 0xFFFFFFFFL);
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            LONGS.set(to, at + i, (long) LONGS.get(to, at + i) ^ key);
        }
        for (; i < length; i++) {
            to[at + i] ^= (byte) maskByte(mask, i);
        }
    }

    /** Byte {@code index mod 4} of the key, first byte in the high bits as it came off the wire. */
    private static int maskByte(int mask, int index) {
        return mask >>> (24 - 8 * (index & 3));
    }
}
