package io.warden.rules.websocket;

import io.warden.rules.config.ConfigFixtures;
import io.warden.rules.config.ConfigProblem;
import io.warden.rules.config.MalformedAction;
import io.warden.rules.config.WardenConfig;
import io.warden.rules.route.RoutePolicy;
import io.warden.rules.route.RouteTable;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WebSocketConfigTest {

    @Test
    void badValuesNameTheirKeys() {
        WardenConfig bad = ConfigFixtures.with(
                "websocket.messagesPerMinute", 0,
                "websocket.idleTimeout", "10s",
                "websocket.allowedOrigins", List.of("app.example.com"),
                "websocket.maxFrameBytes", 100_000,
                "websocket.violationsBeforeClose", -1);
        assertThat(bad.validate()).extracting(ConfigProblem::key).containsExactlyInAnyOrder(
                "websocket.messagesPerMinute", "websocket.idleTimeout", "websocket.allowedOrigins[0]",
                "websocket.maxFrameBytes", "websocket.violationsBeforeClose");
        assertThat(bad.validate().toString()).as("the idle timeout must leave room to answer a ping")
                .contains("longer than websocket.pingInterval");
    }

    @Test
    void aRoutesEntryOverridesTheSectionAndItsProblemsAreNamedByRoute() {
        WardenConfig config = ConfigFixtures.with("websocket.allowedOrigins", List.of("https://app.example.com"),
                "routes", List.of(
                        Map.of("path", "/ws/chat", "websocket", Map.of("json", true, "messagesPerMinute", 30,
                                "onMalformedJson", "drop")),
                        Map.of("path", "/ws/partner", "websocket", Map.of("allowedOrigins",
                                List.of("https://partner.example.com:8443")))));
        RouteTable routes = RouteTable.compile(config);
        WebSocketPolicy chat = routes.find("GET", "/ws/chat").websocket();
        assertThat(chat.json()).isTrue();
        assertThat(chat.onMalformedJson()).isEqualTo(MalformedAction.DROP);
        assertThat(chat.messageRule().limit()).isEqualTo(30);
        assertThat(chat.messageRule().toleranceNanos() / chat.messageRule().intervalNanos())
                .as("the burst follows the route's own rate").isEqualTo(30);
        assertThat(chat.allowsOrigin("https://app.example.com")).as("the section's origins").isTrue();
        WebSocketPolicy partner = routes.find("GET", "/ws/partner").websocket();
        assertThat(partner.allowsOrigin("https://app.example.com")).as("the route's list replaces it").isFalse();
        assertThat(partner.allowsOrigin("https://partner.example.com:8443")).isTrue();
        RoutePolicy other = routes.find("GET", "/api/chat");
        assertThat(other.websocket().json()).isFalse();
        assertThat(routes.describe().get(0)).containsKey("websocket");

        WardenConfig bad = ConfigFixtures.with("routes", List.of(
                Map.of("path", "/ws/a", "websocket", Map.of("messagesPerMinute", 0)),
                Map.of("path", "/ws/b", "websocket", Map.of("allowedOrigins", List.of("*")))));
        assertThat(RouteTable.problems(bad)).extracting(ConfigProblem::key).containsExactly(
                "routes[0].websocket.messagesPerMinute", "routes[1].websocket.allowedOrigins[0]");
    }
}
