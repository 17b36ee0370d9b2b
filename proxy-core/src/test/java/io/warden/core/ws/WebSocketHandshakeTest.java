package io.warden.core.ws;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.warden.core.testing.Eventually;
import io.warden.core.testing.RawHttp;
import io.warden.core.testing.RawWebSocket;
import io.warden.core.testing.TestUpstream;
import io.warden.core.testing.WardenFixture;
import io.warden.core.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Who may open a WebSocket through Warden, and how many. */
class WebSocketHandshakeTest {

    private static final String SECRET = "k3Vt8ZpQ2mX9wL4rB7nC1yH6dF0gJ5sA";

    private TestUpstream upstream;
    private WardenFixture warden;

    @BeforeEach
    void start() throws Exception {
        upstream = new TestUpstream();
        warden = WardenFixture.start(upstream.url(), Map.of("SECURITY_JWT_SECRET_KEY", SECRET),
                "routes=[{path: /ws/secure, auth: required}, {path: /ws/app, websocket: {allowedOrigins: "
                        + "[https://app.example.com]}}]");
    }

    @AfterEach
    void stop() {
        warden.close();
        upstream.close();
    }

    @Test
    void theEleventhConnectionFromOneAddressGets429BeforeTheUpgrade() throws Exception {
        List<WsClient> open = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            open.add(WsClient.connect(warden.client(), uri("/ws")));
        }
        try (RawWebSocket eleventh = RawWebSocket.connect(warden.port(), "/ws")) {
            assertThat(eleventh.response()).as("websocket.maxConnectionsPerIp is 10")
                    .startsWith("HTTP/1.1 429").containsIgnoringCase("retry-after:");
            assertThat(new String(eleventh.readRemaining(2000), StandardCharsets.UTF_8)).contains("\"error\"").contains("too many WebSocket connections")
                    .contains("\"status\"");
        }
        assertThat(upstream.received().stream().filter(r -> r.uri().equals("/ws")).count())
                .as("the refused handshake never reached the upstream").isEqualTo(10);
        assertThat(warden.warden().state().webSockets().stats().openConnections("127.0.0.1")).isEqualTo(10);

        open.get(0).socket().sendClose(1000, "bye").get(5, TimeUnit.SECONDS);
        assertThat(open.get(0).closeCode(5000)).isEqualTo(1000);
        assertThat(Eventually.within(5000,
                () -> warden.warden().state().webSockets().stats().openConnections("127.0.0.1") == 9)).isTrue();
        WsClient again = WsClient.connect(warden.client(), uri("/ws"));
        again.send("back");
        assertThat(again.next(5000)).as("a closed connection gives its slot back").isEqualTo("echo:back");
    }

    @Test
    void aSecureRouteRefusesMissingForgedAndExpiredTokens() throws Exception {
        assertThat(handshakeStatus(uri("/ws/secure"))).as("no token").isEqualTo(401);
        String forged = JWT.create().withSubject("agent@example.com").withExpiresAt(Instant.now().plusSeconds(600))
                .sign(Algorithm.HMAC256("not-the-secret-not-the-secret-not-the-secret"));
        assertThat(handshakeStatus(uri("/ws/secure"), "bearer", forged)).as("forged signature").isEqualTo(401);
        String expired = JWT.create().withSubject("agent@example.com").withExpiresAt(Instant.now().minusSeconds(600))
                .sign(Algorithm.HMAC256(SECRET));
        assertThat(handshakeStatus(uri("/ws/secure?token=" + expired))).as("expired, in the query").isEqualTo(401);
        assertThat(upstream.received()).as("no refused handshake reached the upstream").isEmpty();

        String valid = JWT.create().withSubject("agent@example.com").withExpiresAt(Instant.now().plusSeconds(600))
                .sign(Algorithm.HMAC256(SECRET));
        try (RawWebSocket ws = RawWebSocket.connect(warden.port(), "/ws/secure",
                "Authorization: Bearer " + valid)) {
            assertThat(ws.upgraded()).as("a valid token opens the socket").isTrue();
        }
        assertThat(upstream.last().header("X-Warden-Subject")).isEqualTo("agent@example.com");
        assertThat(upstream.last().header("Authorization")).isNotNull();
    }

    @Test
    void aPageFromAnotherOriginCannotOpenTheSocket() throws Exception {
        try (RawWebSocket foreign = RawWebSocket.connect(warden.port(), "/ws/app", "Origin: https://evil.example")) {
            assertThat(foreign.response()).as("cross-site WebSocket hijacking").startsWith("HTTP/1.1 403");
        }
        try (RawWebSocket own = RawWebSocket.connect(warden.port(), "/ws/app", "Origin: https://app.example.com")) {
            assertThat(own.upgraded()).as("the app's own origin").isTrue();
        }
    }

    @Test
    void onlyValidVersion13HandshakesPassAndNoExtensionIsNegotiated() throws Exception {
        try (RawHttp raw = new RawHttp(warden.port())) {
            raw.send("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Version: 8\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
            assertThat(raw.readResponse()).startsWith("HTTP/1.1 426").containsIgnoringCase("sec-websocket-version: 13");
        }
        try (RawHttp raw = new RawHttp(warden.port())) {
            raw.send("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: short\r\n\r\n");
            assertThat(raw.readResponse()).startsWith("HTTP/1.1 400");
        }
        assertThat(upstream.received()).isEmpty();
        try (RawWebSocket ws = RawWebSocket.connect(warden.port(), "/ws",
                "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits")) {
            assertThat(ws.upgraded()).isTrue();
            assertThat(ws.response()).doesNotContainIgnoringCase("sec-websocket-extensions");
        }
        assertThat(upstream.last().header("Sec-WebSocket-Extensions"))
                .as("compressed frames could not be checked, so compression is never offered upstream").isNull();
    }

    private int handshakeStatus(URI uri, String... subprotocols) {
        Throwable failure = catchThrowable(() -> WsClient.connect(warden.client(), uri, subprotocols));
        assertThat(failure).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode();
    }

    private URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + warden.port() + path);
    }
}
