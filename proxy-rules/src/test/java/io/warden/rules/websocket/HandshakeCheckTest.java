package io.warden.rules.websocket;

import io.warden.rules.config.RouteWebSocketConfig;
import io.warden.rules.config.WebSocketConfig;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.ratelimit.TestHeaders;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HandshakeCheckTest {

    private static final WebSocketPolicy ANY_ORIGIN = WebSocketPolicy.of(WebSocketConfig.defaults());
    private static final WebSocketPolicy APP_ONLY = WsFixture.policy(new RouteWebSocketConfig(null, null, null, null,
            null, List.of("https://app.example.com")));

    private final HandshakeCheck check = new HandshakeCheck(new EventFactory(Clock.systemUTC()));

    @Test
    void aValidHandshakePassesWithoutItsExtensions() {
        RequestContext request = WsFixture.handshake("203.0.113.7", ANY_ORIGIN, null,
                "Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits");
        assertThat(check.check(request)).isInstanceOf(Decision.Proceed.class);
        assertThat(request.removedUpstreamHeaders())
                .as("no extension is negotiated: compressed frames could not be checked")
                .contains("Sec-WebSocket-Extensions");
    }

    @Test
    void plainRequestsAreNotItsBusiness() {
        RequestContext plain = WsFixture.request("POST", "203.0.113.7", ANY_ORIGIN, null,
                TestHeaders.of("Host", "x", "Content-Type", "application/json"));
        assertThat(check.check(plain)).isInstanceOf(Decision.Proceed.class);
        assertThat(plain.removedUpstreamHeaders()).isEmpty();
    }

    @Test
    void malformedHandshakesGet400() {
        assertThat(reject(WsFixture.request("POST", "203.0.113.7", ANY_ORIGIN, null, TestHeaders.of("Upgrade",
                "websocket", "Connection", "Upgrade", "Sec-WebSocket-Key", WsFixture.KEY,
                "Sec-WebSocket-Version", "13")))).as("RFC 6455 4.1: the handshake is a GET").isEqualTo(400);
        assertThat(reject(WsFixture.handshake("203.0.113.7", ANY_ORIGIN, null, "Connection", "keep-alive")))
                .isEqualTo(400);
        assertThat(reject(WsFixture.handshake("203.0.113.7", ANY_ORIGIN, null, "Sec-WebSocket-Key", null)))
                .isEqualTo(400);
        assertThat(reject(WsFixture.handshake("203.0.113.7", ANY_ORIGIN, null, "Sec-WebSocket-Key",
                "c2hvcnQ="))).as("a key must be 16 random bytes").isEqualTo(400);
        assertThat(reject(WsFixture.handshake("203.0.113.7", ANY_ORIGIN, null, "Sec-WebSocket-Key",
                "!!!!!!!!!!!!!!!!!!!!!!==")))
                .isEqualTo(400);
    }

    @Test
    void anotherVersionIsToldWhichOneWeSpeak() {
        Decision d = check.check(WsFixture.handshake("203.0.113.7", ANY_ORIGIN, null, "Sec-WebSocket-Version", "8"));
        assertThat(d).isInstanceOfSatisfying(Decision.Reject.class, r -> {
            assertThat(r.status()).isEqualTo(426);
            assertThat(r.headers()).containsEntry("Sec-WebSocket-Version", "13");
        });
    }

    @Test
    void aForeignOriginIsRefusedWhenOriginsAreListed() {
        Decision foreign = check.check(WsFixture.handshake("203.0.113.7", APP_ONLY, null,
                "Origin", "https://evil.example"));
        assertThat(foreign).as("cross-site WebSocket hijacking: another site's page rides the user's cookies")
                .isInstanceOfSatisfying(Decision.Reject.class, r -> {
                    assertThat(r.status()).isEqualTo(403);
                    assertThat(r.events()).extracting(e -> e.type()).containsExactly(EventType.WEBSOCKET_VIOLATION);
                });
        assertThat(check.check(WsFixture.handshake("203.0.113.7", APP_ONLY, null, "Origin",
                "https://APP.example.com:443"))).isInstanceOf(Decision.Proceed.class);
        assertThat(reject(WsFixture.handshake("203.0.113.7", APP_ONLY, null, "Origin", "null")))
                .as("a sandboxed page's opaque origin is not on the list").isEqualTo(403);
        assertThat(check.check(WsFixture.handshake("203.0.113.7", APP_ONLY, null)))
                .as("no Origin: not a browser, and a non-browser could claim any origin anyway")
                .isInstanceOf(Decision.Proceed.class);
        assertThat(check.check(WsFixture.handshake("203.0.113.7", ANY_ORIGIN, null, "Origin",
                "https://evil.example"))).as("no list: any origin").isInstanceOf(Decision.Proceed.class);
    }

    private int reject(RequestContext request) {
        Decision d = check.check(request);
        assertThat(d).isInstanceOf(Decision.Reject.class);
        return ((Decision.Reject) d).status();
    }
}
