package io.warden.core.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.warden.core.testing.Eventually;
import io.warden.core.testing.RawWebSocket;
import io.warden.core.testing.RawWebSocket.Frame;
import io.warden.core.testing.TestUpstream;
import io.warden.core.testing.WardenFixture;
import io.warden.core.testing.WsClient;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Frames through Warden to a real WebSocket echo: what keeps the rules passes untouched both ways,
 * what breaks them ends the connection with the right close code and never reaches the upstream.
 */
class WebSocketFrameGuardTest {

    private TestUpstream upstream;
    private WardenFixture warden;
    private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        upstream = new TestUpstream();
        warden = WardenFixture.start(upstream.url(), "websocket.maxFrameBytes=1024", "websocket.maxMessageBytes=4096",
                "websocket.maxFragments=4");
        warden.warden().events().subscribe(events::addAll);
    }

    @AfterEach
    void stop() {
        warden.close();
        upstream.close();
    }

    @Test
    void aGoodConversationPassesBothWaysUntouched() throws Exception {
        WsClient client = WsClient.connect(warden.client(), uri("/ws"));
        client.send("{\"message\":\"Any 3-bed homes near the park?\"}");
        assertThat(client.next(5000)).isEqualTo("echo:{\"message\":\"Any 3-bed homes near the park?\"}");
        client.socket().sendText("first half, ", false).get(5, TimeUnit.SECONDS);
        client.socket().sendText("second half", true).get(5, TimeUnit.SECONDS);
        client.socket().sendBinary(ByteBuffer.wrap(new byte[300]), true).get(5, TimeUnit.SECONDS);
        client.send("résumé 🏠");
        assertThat(client.next(5000)).as("the echo answers the first fragment").isEqualTo("echo:first half, ");
        assertThat(client.next(5000)).isEqualTo("echo:résumé 🏠");
        client.socket().sendClose(1000, "bye").get(5, TimeUnit.SECONDS);
        assertThat(client.closeCode(5000)).isEqualTo(1000);
        awaitFrames(6);
        assertThat(upstream.frames()).as("every frame reaches the upstream as the client sent it").containsExactly(
                "text:{\"message\":\"Any 3-bed homes near the park?\"}", "text:first half, ",
                "continuation:second half", "binary:300", "text:résumé 🏠", "close:1000");
        assertThat(Eventually.within(5000, () -> closedEvent() != null)).isTrue();
        assertThat(closedEvent().details()).containsEntry("by", "client").containsEntry("closeCode", 1000)
                .containsEntry("messagesRelayed", 4L);
    }

    @Test
    void anOversizedFrameIsRefusedFromItsHeaderWith1009() throws Exception {
        try (RawWebSocket ws = open()) {
            ws.text("before");
            ws.frame(true, 0, RawWebSocket.TEXT, true, "x".repeat(5000).getBytes(StandardCharsets.UTF_8));
            assertClosed(ws, 1009, "frame too large");
        }
        awaitFrames(2);
        assertThat(upstream.frames()).as("nothing of the oversized frame reaches the upstream")
                .containsExactly("text:before", "close:1001");
        assertThat(Eventually.within(5000, () -> closedEvent() != null)).isTrue();
        assertThat(closedEvent().details()).containsEntry("by", "warden").containsEntry("closeCode", 1009);
        assertThat(events).anySatisfy(e -> assertThat(e.type()).isEqualTo(EventType.WEBSOCKET_VIOLATION));
        assertThat(warden.warden().state().webSockets().stats().violationCloses()).isEqualTo(1);
    }

    @Test
    void aMessageOverItsSizeOrFragmentLimitIs1009() throws Exception {
        byte[] kilobyte = "y".repeat(1000).getBytes(StandardCharsets.UTF_8);
        try (RawWebSocket ws = open()) {
            ws.frame(false, 0, RawWebSocket.TEXT, true, kilobyte);
            for (int i = 0; i < 3; i++) {
                ws.frame(false, 0, RawWebSocket.CONTINUATION, true, kilobyte);
            }
            ws.frame(true, 0, RawWebSocket.CONTINUATION, true, kilobyte);
            assertClosed(ws, 1009, "message too large");
        }
        try (RawWebSocket ws = open()) {
            for (int i = 0; i < 4; i++) {
                ws.frame(false, 0, i == 0 ? RawWebSocket.TEXT : RawWebSocket.CONTINUATION, true, new byte[] {'a'});
            }
            ws.frame(true, 0, RawWebSocket.CONTINUATION, true, new byte[] {'a'});
            assertClosed(ws, 1009, "too many fragments");
        }
        awaitFrames(2);
        assertThat(upstream.frames()).as("a text message is held until complete: no fragment went")
                .containsExactly("close:1001", "close:1001");
    }

    @Test
    void anUnmaskedClientFrameIsAProtocolError() throws Exception {
        try (RawWebSocket ws = open()) {
            ws.frame(true, 0, RawWebSocket.TEXT, false, "unmasked".getBytes(StandardCharsets.UTF_8));
            assertClosed(ws, 1002, "client frames must be masked");
        }
        awaitFrames(1);
        assertThat(upstream.frames()).containsExactly("close:1001");
    }

    @Test
    void invalidUtf8In1007AndNothingOfTheMessageGoes() throws Exception {
        try (RawWebSocket ws = open()) {
            ws.frame(false, 0, RawWebSocket.TEXT, true, "valid start ".getBytes(StandardCharsets.UTF_8));
            ws.frame(true, 0, RawWebSocket.CONTINUATION, true, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
            assertClosed(ws, 1007, "text message is not UTF-8");
        }
        awaitFrames(1);
        assertThat(upstream.frames()).containsExactly("close:1001");
    }

    @Test
    void reservedBitsOpcodesAndBadControlFramesAreProtocolErrors() throws Exception {
        try (RawWebSocket ws = open()) {
            ws.frame(true, 4, RawWebSocket.TEXT, true, "deflated?".getBytes(StandardCharsets.UTF_8));
            assertClosed(ws, 1002, "reserved bits set");
        }
        try (RawWebSocket ws = open()) {
            ws.frame(true, 0, 0x3, true, new byte[0]);
            assertClosed(ws, 1002, "reserved opcode");
        }
        try (RawWebSocket ws = open()) {
            ws.frame(true, 0, RawWebSocket.PING, true, new byte[126]);
            assertClosed(ws, 1002, "control frame longer than 125 bytes");
        }
        try (RawWebSocket ws = open()) {
            ws.frame(false, 0, RawWebSocket.PING, true, new byte[1]);
            assertClosed(ws, 1002, "fragmented control frame");
        }
        try (RawWebSocket ws = open()) {
            ws.frame(true, 0, RawWebSocket.CLOSE, true, new byte[] {0x03, (byte) 0xED});
            assertClosed(ws, 1002, "invalid close code");
        }
        awaitFrames(5);
        assertThat(upstream.frames()).containsOnly("close:1001");
    }

    @Test
    void pingsFromTheClientReachTheUpstreamAndItsPongsComeBack() throws Exception {
        try (RawWebSocket ws = open()) {
            ws.frame(true, 0, RawWebSocket.PING, true, "are you there".getBytes(StandardCharsets.UTF_8));
            Frame pong = ws.read(5000);
            assertThat(pong.opcode()).isEqualTo(RawWebSocket.PONG);
            assertThat(pong.text()).isEqualTo("are you there");
        }
        assertThat(upstream.frames()).startsWith("ping");
    }

    @Test
    void anUpstreamBreakingTheRulesIsCutOffAndTheClientTold1011() throws Exception {
        // a masked frame: servers never mask
        upstream.on("/bad", (ctx, request) -> {
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(
                    (request.headers().get("Sec-WebSocket-Key") + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
                            .getBytes(StandardCharsets.US_ASCII)));
            FullHttpResponse switching = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.SWITCHING_PROTOCOLS);
            switching.headers().set("Upgrade", "websocket").set("Connection", "Upgrade")
                    .set("Sec-WebSocket-Accept", accept);
            ctx.writeAndFlush(switching).addListener(f -> {
                ctx.pipeline().remove(HttpServerCodec.class);
                // what Warden answers is read and let go: this upstream speaks no WebSocket itself
                ctx.pipeline().addFirst(new SimpleChannelInboundHandler<ByteBuf>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext c, ByteBuf bytes) {
                    }
                });
                ctx.channel().writeAndFlush(Unpooled.wrappedBuffer(RawWebSocket.encode(true, 0, RawWebSocket.TEXT,
                        true, "masked by a server".getBytes(StandardCharsets.UTF_8))));
            });
        });
        try (RawWebSocket ws = RawWebSocket.connect(warden.port(), "/bad")) {
            assertThat(ws.upgraded()).isTrue();
            assertClosed(ws, 1011, "upstream protocol error");
        }
        assertThat(Eventually.within(5000, () -> events.stream().anyMatch(e -> e.type() == EventType.UPSTREAM_FAILURE
                && "server frames must not be masked".equals(e.details().get("reason"))))).isTrue();
    }

    /** Close frames reach the upstream while the client is already answered: wait for them. */
    private void awaitFrames(int count) throws InterruptedException {
        assertThat(Eventually.within(5000, () -> upstream.frames().size() >= count)).isTrue();
    }

    private RawWebSocket open() throws Exception {
        RawWebSocket ws = RawWebSocket.connect(warden.port(), "/ws");
        assertThat(ws.upgraded()).as(ws.response()).isTrue();
        return ws;
    }

    /** The close frame came with this code and reason, and the connection ended soon after the answer. */
    private static void assertClosed(RawWebSocket ws, int code, String reason) throws Exception {
        Frame close = ws.readClose(5000);
        assertThat(close).as("a close frame, not a reset").isNotNull();
        assertThat(close.closeCode()).isEqualTo(code);
        assertThat(close.closeReason()).isEqualTo(reason);
        assertThat(ws.closeAndAwaitEnd(1000, 5000)).as("Warden ends the connection once the client answered")
                .isTrue();
    }

    private SecurityEvent closedEvent() {
        return events.stream().filter(e -> e.type() == EventType.WEBSOCKET_CONNECTION
                && "closed".equals(e.details().get("action"))).findFirst().orElse(null);
    }

    private URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + warden.port() + path);
    }
}
