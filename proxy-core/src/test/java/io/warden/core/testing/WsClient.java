package io.warden.core.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The JDK's WebSocket client, with what it receives kept for a test to assert on. */
public final class WsClient implements WebSocket.Listener {

    private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final BlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile int pings;
    private WebSocket socket;

    private WsClient() {
    }

    /** Connects, or throws the handshake's failure (e.g. a {@code WebSocketHandshakeException} with the 4xx). */
    public static WsClient connect(HttpClient http, URI uri, String... subprotocols) throws Exception {
        WsClient client = new WsClient();
        WebSocket.Builder builder = http.newWebSocketBuilder();
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        client.socket = builder.buildAsync(uri, client).get(10, TimeUnit.SECONDS);
        return client;
    }

    public WebSocket socket() {
        return socket;
    }

    public void send(String text) throws Exception {
        socket.sendText(text, true).get(5, TimeUnit.SECONDS);
    }

    /**
     * Returns once everything sent before has passed Warden: a ping goes after it through Warden to
     * the upstream, and its pong comes back.
     */
    public void sync() throws Exception {
        ByteBuffer token = ByteBuffer.wrap(Long.toString(System.nanoTime()).getBytes(StandardCharsets.US_ASCII));
        socket.sendPing(token.duplicate()).get(5, TimeUnit.SECONDS);
        ByteBuffer pong;
        while ((pong = pongs.poll(5, TimeUnit.SECONDS)) != null) {
            if (pong.equals(token)) {
                return;
            }
        }
        throw new AssertionError("no pong for the sync ping");
    }

    /** The next whole text message, or null after {@code millis}. */
    public String next(long millis) throws InterruptedException {
        return texts.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** The close code the server sent, or null if none came within {@code millis}. */
    public Integer closeCode(long millis) {
        try {
            return closed.get(millis, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return null;
        }
    }

    public int pings() {
        return pings;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            texts.add(partial.toString());
            partial.setLength(0);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        texts.add("binary:" + data.remaining());
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
        pings++;
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
        ByteBuffer copy = ByteBuffer.allocate(message.remaining());
        copy.put(message).flip();
        pongs.add(copy);
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closed.complete(1006);
    }
}
