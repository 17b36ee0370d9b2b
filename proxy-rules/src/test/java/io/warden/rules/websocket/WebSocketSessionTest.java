package io.warden.rules.websocket;

import io.warden.rules.config.MalformedAction;
import io.warden.rules.config.RouteWebSocketConfig;
import io.warden.rules.config.WebSocketConfig;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.pipeline.RequestContext;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WebSocketSessionTest {

    private final WsFixture f = new WsFixture();

    @Test
    void sixtyMessagesAMinutePassAndTheSixtyFirstIsDropped() {
        WebSocketSession s = open(WebSocketPolicy.of(WebSocketConfig.defaults()), null);
        for (int i = 0; i < 60; i++) {
            assertThat(s.onMessageStart()).as("message %d", i + 1).isEqualTo(MessageAction.FORWARD);
        }
        assertThat(s.onMessageStart()).as("the 61st within the same instant is over the burst of 60")
                .isEqualTo(MessageAction.DROP);
        assertThat(f.emitted(EventType.RATE_LIMIT_VIOLATION)).isEqualTo(1);
        f.base.clock.advance(Duration.ofSeconds(1));
        assertThat(s.onMessageStart()).as("one message's worth refills each second").isEqualTo(MessageAction.FORWARD);
        assertThat(s.onMessageStart()).isEqualTo(MessageAction.DROP);
    }

    @Test
    void violationsPastTheToleranceCloseWith1008() {
        WebSocketPolicy policy = WsFixture.policy(new RouteWebSocketConfig(null, null, 1, 1, null, null));
        WebSocketSession s = open(policy, null);
        assertThat(s.onMessageStart()).isEqualTo(MessageAction.FORWARD);
        for (int i = 0; i < 3; i++) {
            assertThat(s.onMessageStart()).as("violation %d of the 3 tolerated", i + 1).isEqualTo(MessageAction.DROP);
        }
        MessageAction fourth = s.onMessageStart();
        assertThat(fourth.kind()).isEqualTo(MessageAction.Kind.CLOSE);
        assertThat(fourth.violation().closeCode()).isEqualTo(CloseCodes.POLICY_VIOLATION);
        assertThat(f.limits.stats().violationCloses()).isEqualTo(1);
        assertThat(f.limits.stats().messagesDropped()).isEqualTo(4);
    }

    @Test
    void violationsCountTowardsTheAddressesBlockAcrossConnections() {
        WebSocketPolicy policy = WsFixture.policy(new RouteWebSocketConfig(null, null, 1, 1, null, null));
        WebSocketSession first = open(policy, null);
        assertThat(first.onMessageStart()).isEqualTo(MessageAction.FORWARD);
        for (int i = 0; i < 3; i++) {
            assertThat(first.onMessageStart()).isEqualTo(MessageAction.DROP);
        }
        WebSocketSession second = open(policy, null);
        assertThat(second.onMessageStart()).isEqualTo(MessageAction.FORWARD);
        assertThat(second.onMessageStart()).isEqualTo(MessageAction.DROP);
        assertThat(second.onMessageStart()).isEqualTo(MessageAction.DROP);
        MessageAction sixth = second.onMessageStart();
        assertThat(sixth).as("more than blocking.violationsBeforeBlock (5) violations from one address block it")
                .isEqualTo(MessageAction.close(WebSocketSession.BLOCKED));
        assertThat(f.emitted(EventType.IP_BLOCKED)).isEqualTo(1);
        assertThat(f.base.limits.blockList().isBlocked("203.0.113.7")).isTrue();
    }

    @Test
    void fiveTabsDoNotGetFiveTimesTheUserLimit() {
        WebSocketPolicy policy = WebSocketPolicy.of(new WebSocketConfig(10, 60, null, 10, 3, 65_536, 65_536, 64,
                1 << 20, MalformedAction.CLOSE, List.of(), Duration.ofSeconds(30), Duration.ofSeconds(60), null));
        int forwarded = 0;
        for (int tab = 0; tab < 5; tab++) {
            WebSocketSession s = open(policy, "agent@example.com");
            for (int i = 0; i < 4; i++) {
                if (s.onMessageStart() == MessageAction.FORWARD) {
                    forwarded++;
                }
            }
        }
        assertThat(forwarded).as("10 a minute for the user, across all tabs").isEqualTo(10);
        WebSocketSession other = open(policy, "buyer@example.com");
        assertThat(other.onMessageStart()).as("another user has their own").isEqualTo(MessageAction.FORWARD);
    }

    @Test
    void allowListedAddressesAreNeverRateLimited() {
        WsFixture allowed = new WsFixture(List.of("203.0.113.0/24"));
        WebSocketPolicy policy = WsFixture.policy(new RouteWebSocketConfig(null, null, 1, 1, null, null));
        WebSocketSession s = allowed.sessions().open(WsFixture.handshake("203.0.113.7", policy, null));
        for (int i = 0; i < 100; i++) {
            assertThat(s.onMessageStart()).isEqualTo(MessageAction.FORWARD);
        }
    }

    @Test
    void malformedJsonClosesWith1003OrIsDroppedAsConfigured() {
        WebSocketSession closing = open(WsFixture.json(MalformedAction.CLOSE), null);
        assertThat(closing.onText(utf8("{\"message\":\"hello\"}"))).isEqualTo(MessageAction.FORWARD);
        MessageAction closed = closing.onText(utf8("{\"message\": unquoted}"));
        assertThat(closed.kind()).isEqualTo(MessageAction.Kind.CLOSE);
        assertThat(closed.violation().closeCode()).isEqualTo(CloseCodes.UNSUPPORTED_DATA);
        assertThat(f.emitted(EventType.WEBSOCKET_VIOLATION)).isEqualTo(1);

        WebSocketSession dropping = open(WsFixture.json(MalformedAction.DROP), null);
        assertThat(dropping.onText(utf8("not json"))).isEqualTo(MessageAction.DROP);
        assertThat(dropping.onBinary()).as("binary data on a JSON channel is malformed too")
                .isEqualTo(MessageAction.DROP);
        assertThat(dropping.onText(utf8("[1,2]"))).isEqualTo(MessageAction.FORWARD);
    }

    @Test
    void anInspectorsRefusalDropsTheMessageAndItsEventsAreRecorded() {
        f.inspector = (handshake, utf8) -> new String(utf8, StandardCharsets.UTF_8).contains("DROP TABLE")
                ? MessageVerdict.refused("message blocked by inspection", List.of(handshake.event(f.base.events,
                EventType.INJECTION_ATTEMPT, ThreatLevel.HIGH, Map.of())))
                : MessageVerdict.PASS;
        WebSocketSession s = open(WebSocketPolicy.of(WebSocketConfig.defaults()), null);
        assertThat(s.onText(utf8("hello"))).isEqualTo(MessageAction.FORWARD);
        assertThat(s.onText(utf8("'; DROP TABLE users; --"))).isEqualTo(MessageAction.DROP);
        assertThat(f.emitted(EventType.INJECTION_ATTEMPT)).isEqualTo(1);
        assertThat(f.limits.stats().messagesRelayed()).isEqualTo(1);
    }

    @Test
    void silentClientsArePingedThenClosedAndOldConnectionsAreClosed() {
        WebSocketPolicy policy = WebSocketPolicy.of(new WebSocketConfig(10, 60, null, null, 3, 65_536, 65_536, 64,
                1 << 20, MalformedAction.CLOSE, List.of(), Duration.ofSeconds(30), Duration.ofSeconds(60),
                Duration.ofMinutes(10)));
        WebSocketSession s = open(policy, null);
        assertThat(s.pingDue()).isFalse();
        f.base.clock.advance(Duration.ofSeconds(30));
        assertThat(s.pingDue()).as("silent for the ping interval").isTrue();
        assertThat(s.pingDue()).as("one ping per silent interval").isFalse();
        f.base.clock.advance(Duration.ofSeconds(10));
        s.onActivity();
        f.base.clock.advance(Duration.ofSeconds(59));
        assertThat(s.expired()).as("the pong kept it alive").isNull();
        f.base.clock.advance(Duration.ofSeconds(1));
        assertThat(s.expired()).isEqualTo(WebSocketSession.IDLE);

        WebSocketSession old = open(policy, null);
        for (int minute = 0; minute < 9; minute++) {
            f.base.clock.advance(Duration.ofMinutes(1).minusSeconds(1));
            old.onActivity();
        }
        assertThat(old.expired()).isNull();
        f.base.clock.advance(Duration.ofSeconds(70));
        old.onActivity();
        assertThat(old.expired()).as("past websocket.maxConnectionAge, active or not: reconnect with a fresh token")
                .isEqualTo(WebSocketSession.TOO_OLD);
    }

    @Test
    void theConnectionsStoryIsRecordedOpenedAndClosed() {
        RequestContext handshake = WsFixture.handshake("203.0.113.7", WebSocketPolicy.of(WebSocketConfig.defaults()),
                "agent@example.com");
        WebSocketSession s = f.sessions().open(handshake);
        s.onMessageStart();
        s.onText(utf8("hi"));
        s.onCloseFrame(true, 1000);
        handshake.end();
        handshake.end();
        List<SecurityEvent> story = f.base.emitted.stream().filter(e -> e.type() == EventType.WEBSOCKET_CONNECTION)
                .toList();
        assertThat(story).hasSize(2);
        assertThat(story.get(0).details()).containsEntry("action", "opened").containsEntry("user", "agent@example.com");
        assertThat(story.get(1).details()).containsEntry("action", "closed").containsEntry("by", "client")
                .containsEntry("closeCode", 1000).containsEntry("messagesRelayed", 1L);
    }

    private WebSocketSession open(WebSocketPolicy policy, String user) {
        return f.sessions().open(WsFixture.handshake("203.0.113.7", policy, user));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
