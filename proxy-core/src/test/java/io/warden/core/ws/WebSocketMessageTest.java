package io.warden.core.ws;

import io.warden.core.testing.Eventually;
import io.warden.core.testing.ManualTime;
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
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Messages on open connections, on a clock the test moves: the rate (60 a minute, burst 60),
 * violations that close and block, JSON channels, keepalive, idle and age.
 */
class WebSocketMessageTest {

    private final ManualTime time = new ManualTime();
    private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
    private TestUpstream upstream;
    private WardenFixture warden;

    @BeforeEach
    void start() throws Exception {
        upstream = new TestUpstream();
        warden = WardenFixture.start(upstream.url(), time, Files.createTempDirectory("warden-ws"),
                "websocket.maxConnectionAge=10m",
                "routes=[{path: /ws, websocket: {json: true}}, {name: lenient, path: /ws/lenient, "
                        + "websocket: {json: true, onMalformedJson: drop}}, {name: slow, path: /ws/slow, "
                        + "websocket: {messagesPerMinute: 1, messageBurst: 1}}]");
        warden.warden().events().subscribe(events::addAll);
    }

    @AfterEach
    void stop() {
        warden.close();
        upstream.close();
    }

    @Test
    void sixtyMessagesAMinutePassTheSixtyFirstIsDroppedAndRepeatedViolationsClose1008() throws Exception {
        WsClient client = WsClient.connect(warden.client(), uri("/ws"));
        List<String> relayed = new ArrayList<>();
        for (int i = 1; i <= 61; i++) {
            client.send("{\"n\":" + i + "}");
            if (i <= 60) {
                relayed.add("text:{\"n\":" + i + "}");
            }
        }
        client.sync();
        relayed.add("ping");
        time.advance(Duration.ofSeconds(1));
        client.send("{\"n\":\"a second later\"}");
        relayed.add("text:{\"n\":\"a second later\"}");
        for (int i = 1; i <= 60; i++) {
            assertThat(client.next(5000)).isEqualTo("echo:{\"n\":" + i + "}");
        }
        assertThat(client.next(5000)).as("the 61st, sent while the clock stood still, was dropped")
                .isEqualTo("echo:{\"n\":\"a second later\"}");
        assertThat(upstream.frames()).as("60 at once is the burst; a second refills one")
                .containsExactlyElementsOf(relayed);

        for (int i = 0; i < 3; i++) {
            client.send("{\"n\":\"over\"}");
        }
        assertThat(client.closeCode(5000)).as("the 4th violation is one past websocket.violationsBeforeClose")
                .isEqualTo(1008);
        relayed.add("close:1001");
        assertThat(Eventually.within(5000, () -> upstream.frames().size() == relayed.size())).isTrue();
        assertThat(upstream.frames()).as("no dropped message reached the upstream").containsExactlyElementsOf(relayed);
        assertThat(Eventually.within(5000, () -> count(EventType.RATE_LIMIT_VIOLATION) == 4)).isTrue();
    }

    @Test
    void violationsOnSocketsBlockTheAddressLikeHttpViolations() throws Exception {
        WsClient first = WsClient.connect(warden.client(), uri("/ws/slow"));
        for (int i = 0; i < 5; i++) {
            first.send("m" + i);
        }
        assertThat(first.closeCode(5000)).isEqualTo(1008);
        WsClient second = WsClient.connect(warden.client(), uri("/ws/slow"));
        for (int i = 0; i < 3; i++) {
            second.send("m" + i);
        }
        assertThat(second.closeCode(5000)).as("the 6th violation from the address blocks it").isEqualTo(1008);
        assertThat(Eventually.within(5000, () -> count(EventType.IP_BLOCKED) == 1)).isTrue();
        assertThat(warden.get("/anything").statusCode()).as("blocked for HTTP too").isEqualTo(403);
    }

    @Test
    void malformedJsonOnAJsonChannelCloses1003AndNeverReachesTheUpstream() throws Exception {
        WsClient client = WsClient.connect(warden.client(), uri("/ws"));
        client.send("{\"message\":\"hello\"}");
        assertThat(client.next(5000)).isEqualTo("echo:{\"message\":\"hello\"}");
        client.send("{\"message\": \"unterminated");
        assertThat(client.closeCode(5000)).isEqualTo(1003);
        assertThat(Eventually.within(5000, () -> upstream.frames().size() == 2)).isTrue();
        assertThat(upstream.frames()).containsExactly("text:{\"message\":\"hello\"}", "close:1001");

        WsClient binary = WsClient.connect(warden.client(), uri("/ws"));
        binary.socket().sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).get(5, TimeUnit.SECONDS);
        assertThat(binary.closeCode(5000)).as("binary data on a JSON channel").isEqualTo(1003);
    }

    @Test
    void aRouteMayDropMalformedMessagesInsteadOfClosing() throws Exception {
        WsClient client = WsClient.connect(warden.client(), uri("/ws/lenient"));
        client.send("not json");
        client.send("{\"still\":\"here\"}");
        assertThat(client.next(5000)).isEqualTo("echo:{\"still\":\"here\"}");
        assertThat(upstream.frames()).containsExactly("text:{\"still\":\"here\"}");
        assertThat(Eventually.within(5000, () -> count(EventType.WEBSOCKET_VIOLATION) == 1)).isTrue();
    }

    @Test
    void aSilentClientIsPingedThenClosedWhenItNeverAnswers() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(warden.port(), "/ws")) {
            assertThat(ws.upgraded()).isTrue();
            time.advance(Duration.ofSeconds(31));
            Frame ping = ws.read(5000);
            assertThat(ping).isNotNull();
            assertThat(ping.opcode()).as("silent for websocket.pingInterval: Warden pings").isEqualTo(RawWebSocket.PING);
            time.advance(Duration.ofSeconds(30));
            Frame close = ws.readClose(5000);
            assertThat(close.closeCode()).isEqualTo(1001);
            assertThat(close.closeReason()).isEqualTo("idle timeout");
        }
        assertThat(Eventually.within(5000, () -> !upstream.frames().isEmpty())).isTrue();
        assertThat(upstream.frames()).as("Warden's own ping is no business of the upstream").containsExactly(
                "close:1001");
    }

    @Test
    void aClientAnsweringPingsStaysOpenAndItsPongsStayWithWarden() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(warden.port(), "/ws")) {
            for (int round = 1; round <= 3; round++) {
                time.advance(Duration.ofSeconds(31));
                Frame ping = ws.read(5000);
                assertThat(ping).as("ping %d", round).isNotNull();
                assertThat(ping.opcode()).isEqualTo(RawWebSocket.PING);
                ws.frame(true, 0, RawWebSocket.PONG, true, ping.payload());
                // a ping of the client's own, answered by the upstream, shows Warden has read the pong before it
                ws.frame(true, 0, RawWebSocket.PING, true, new byte[] {(byte) round});
                Frame pong = ws.read(5000);
                assertThat(pong.opcode()).isEqualTo(RawWebSocket.PONG);
            }
        }
        assertThat(Eventually.within(5000, () -> upstream.frames().size() == 4)).isTrue();
        assertThat(upstream.frames()).as("93 s without a message, kept by its pongs, which never left Warden")
                .containsExactly("ping", "ping", "ping", "close:1001");
    }

    @Test
    void noConnectionOutlivesItsMaximumAge() throws Exception {
        WsClient client = WsClient.connect(warden.client(), uri("/ws"));
        for (int step = 1; step < 12; step++) {
            time.advance(Duration.ofSeconds(50));
            client.send("{\"step\":" + step + "}");
            assertThat(client.next(5000)).isEqualTo("echo:{\"step\":" + step + "}");
        }
        assertThat(client.closeCode(100)).as("550 s old and active").isNull();
        time.advance(Duration.ofSeconds(50));
        assertThat(client.closeCode(5000)).as("websocket.maxConnectionAge: reconnect with a fresh token")
                .isEqualTo(1001);
    }

    @Test
    void stoppingWardenTellsOpenSocketsToGoAway() throws Exception {
        WsClient client = WsClient.connect(warden.client(), uri("/ws"));
        client.send("{}");
        assertThat(client.next(5000)).isEqualTo("echo:{}");
        long started = System.nanoTime();
        warden.close();
        assertThat(client.closeCode(5000)).isEqualTo(1001);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no wait for server.drainTimeout")
                .isLessThan(Duration.ofSeconds(10));
    }

    private long count(EventType type) {
        return events.stream().filter(e -> e.type() == type).count();
    }

    private URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + warden.port() + path);
    }
}
