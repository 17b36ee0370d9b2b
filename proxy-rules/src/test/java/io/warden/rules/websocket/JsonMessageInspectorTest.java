package io.warden.rules.websocket;

import io.warden.rules.events.EventFactory;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

class JsonMessageInspectorTest {

    private final JsonMessageInspector json = new JsonMessageInspector(new EventFactory(Clock.systemUTC()));

    @Test
    void exactlyOneJsonValueWithNoDuplicateKeys() {
        assertThat(json.problem(utf8("{\"message\":\"Show me 3-bed homes\",\"conversation_id\":\"c1\"}"))).isNull();
        assertThat(json.problem(utf8("[1, 2.5, null, true]"))).isNull();
        assertThat(json.problem(utf8("\"just a string\""))).isNull();
        assertThat(json.problem(utf8(""))).isEqualTo("empty message");
        assertThat(json.problem(utf8("{\"a\":1} {\"b\":2}"))).isEqualTo("trailing content after the JSON value");
        assertThat(json.problem(utf8("{\"role\":\"user\",\"role\":\"admin\"}")))
                .as("two parsers could read different roles").isEqualTo("duplicate field");
        assertThat(json.problem(utf8("{\"a\": }"))).isEqualTo("not valid JSON");
        assertThat(json.problem(utf8("[".repeat(100) + "]".repeat(100))))
                .isEqualTo("JSON nesting, number or string over the limits");
    }

    @Test
    void onlyJsonChannelsAreHeldToIt() {
        byte[] prose = utf8("plain words");
        assertThat(json.inspect(WsFixture.handshake("203.0.113.7", WsFixture.policy(null), null), prose))
                .isEqualTo(MessageVerdict.PASS);
        assertThat(json.inspect(WsFixture.handshake("203.0.113.7",
                WsFixture.json(io.warden.rules.config.MalformedAction.CLOSE), null), prose).outcome())
                .isEqualTo(MessageVerdict.Outcome.MALFORMED);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
