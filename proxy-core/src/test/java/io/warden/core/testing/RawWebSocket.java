package io.warden.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a raw socket, for what real clients never send: unmasked frames, reserved
 * bits, oversized or fragmented control frames, invalid UTF-8. Frames are built byte by byte.
 */
public final class RawWebSocket implements AutoCloseable {

    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CONTINUATION = 0x0;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    /** A frame as received. */
    public record Frame(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** A close frame's code; 1005 when it carries none. */
        public int closeCode() {
            return payload.length < 2 ? 1005 : (payload[0] & 0xFF) << 8 | payload[1] & 0xFF;
        }

        public String closeReason() {
            return payload.length < 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final String response;

    private RawWebSocket(Socket socket, String response) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
        this.response = response;
    }

    /**
     * Opens a connection and sends a handshake for {@code path} with extra header lines
     * ({@code "Origin: https://x"}); returns once the response head is read, whatever it says.
     */
    public static RawWebSocket connect(int port, String path, String... headerLines) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        StringBuilder head = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n");
        for (String line : headerLines) {
            head.append(line).append("\r\n");
        }
        socket.getOutputStream().write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            response.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                    ? state + 1 : 0;
        }
        return new RawWebSocket(socket, response.toString(StandardCharsets.ISO_8859_1));
    }

    /** The handshake response head. */
    public String response() {
        return response;
    }

    public boolean upgraded() {
        return response.startsWith("HTTP/1.1 101");
    }

    public RawWebSocket text(String text) throws IOException {
        return frame(true, 0, TEXT, true, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes one frame; {@code rsv} is the three reserved bits as the low bits. */
    public RawWebSocket frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) throws IOException {
        out.write(encode(fin, rsv, opcode, masked, payload));
        out.flush();
        return this;
    }

    /** One frame's bytes, with a random mask when {@code masked}. */
    public static byte[] encode(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | rsv << 4 | opcode);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            frame.write(maskBit | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(maskBit | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length);
        } else {
            frame.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >> shift));
            }
        }
        byte[] key = new byte[4];
        if (masked) {
            ThreadLocalRandom.current().nextBytes(key);
            frame.write(key, 0, 4);
        }
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ (masked ? key[i & 3] : 0));
        }
        return frame.toByteArray();
    }

    /** Writes bytes as they are. */
    public RawWebSocket raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Reads the next frame, or null when the connection ends or nothing comes within {@code timeoutMillis}. */
    public Frame read(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        try {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            long length = b1 & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] key = (b1 & 0x80) != 0 ? in.readNBytes(4) : null;
            byte[] payload = in.readNBytes((int) length);
            if (key != null) {
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= key[i & 3];
                }
            }
            return new Frame(b0 & 0x0F, payload);
        } catch (SocketTimeoutException | EOFException e) {
            return null;
        } catch (IOException reset) {
            return null;
        }
    }

    /** Whatever arrives until the peer closes or {@code timeoutMillis} pass in silence (e.g. an error body). */
    public byte[] readRemaining(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                rest.write(buffer, 0, n);
            }
        } catch (IOException timeoutOrReset) {
            // what came so far is the answer
        }
        return rest.toByteArray();
    }

    /** Reads frames until a close frame; null when the connection ends or goes silent first. */
    public Frame readClose(int timeoutMillis) throws IOException {
        Frame frame;
        while ((frame = read(timeoutMillis)) != null) {
            if (frame.opcode() == CLOSE) {
                return frame;
            }
        }
        return null;
    }

    /** Answers a close frame as RFC 6455 asks, then waits for the peer to end the connection. */
    public boolean closeAndAwaitEnd(int code, int timeoutMillis) throws IOException {
        frame(true, 0, CLOSE, true, new byte[] {(byte) (code >> 8), (byte) code});
        socket.setSoTimeout(timeoutMillis);
        try {
            while (in.read() >= 0) {
                // drain until the peer closes
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
