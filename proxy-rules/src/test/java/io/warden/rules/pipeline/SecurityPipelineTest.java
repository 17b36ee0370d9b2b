package io.warden.rules.pipeline;

import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.net.ClientAddress;
import io.warden.rules.route.RoutePolicy;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityPipelineTest {

    private final List<SecurityEvent> emitted = new ArrayList<>();
    private final EventFactory events = new EventFactory(Clock.systemUTC());

    @Test
    void declaredBodyOverTheRouteLimitIsRejectedWithAnEvent() throws Exception {
        SecurityPipeline pipeline = new SecurityPipeline(List.of(new BodySizeCheck(events)), List.of(), List.of(),
                emitted::add);
        Decision decision = pipeline.onRequest(request(2_000));
        assertThat(decision).isInstanceOfSatisfying(Decision.Reject.class, r -> {
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.closeConnection()).as("the unread body makes the connection unusable").isTrue();
        });
        assertThat(emitted).extracting(SecurityEvent::type).containsExactly(EventType.REQUEST_TOO_LARGE);
        assertThat(emitted.get(0).requestId()).isEqualTo("rid-1");
        assertThat(pipeline.onRequest(request(1_000))).isInstanceOf(Decision.Proceed.class);
    }

    @Test
    void firstRejectionStopsTheChainButEveryRaisedEventIsKept() throws Exception {
        List<String> ran = new ArrayList<>();
        RequestCheck detectOnly = r -> {
            ran.add("detect");
            return Decision.proceed(List.of(r.event(events, EventType.BOT_DETECTED,
                    io.warden.rules.events.ThreatLevel.LOW, Map.of())));
        };
        RequestCheck rejects = r -> {
            ran.add("reject");
            return Decision.reject(429, "too many requests", r.event(events, EventType.RATE_LIMIT_VIOLATION,
                    io.warden.rules.events.ThreatLevel.MEDIUM, Map.of()));
        };
        RequestCheck never = r -> {
            ran.add("never");
            return Decision.proceed();
        };
        SecurityPipeline pipeline = new SecurityPipeline(List.of(detectOnly, rejects, never), List.of(), List.of(),
                emitted::add);
        assertThat(pipeline.onRequest(request(0))).isInstanceOf(Decision.Reject.class);
        assertThat(ran).containsExactly("detect", "reject");
        assertThat(emitted).extracting(SecurityEvent::type)
                .containsExactly(EventType.BOT_DETECTED, EventType.RATE_LIMIT_VIOLATION);
    }

    @Test
    void requestIdsFromProxiesMustBeWellFormed() {
        assertThat(RequestIds.acceptOrNew("lb-abc_123.4:5")).isEqualTo("lb-abc_123.4:5");
        assertThat(RequestIds.acceptOrNew("evil\r\nX-Injected: 1")).isNotEqualTo("evil\r\nX-Injected: 1");
        assertThat(RequestIds.acceptOrNew("x".repeat(129))).hasSize(36);
        assertThat(RequestIds.newId()).isNotEqualTo(RequestIds.newId());
    }

    private static RequestContext request(long contentLength) throws Exception {
        return RequestContext.builder()
                .requestId("rid-1")
                .client(ClientAddress.of(InetAddress.getByName("198.51.100.4")))
                .method("POST")
                .target("/api/chat?x=1")
                .headers(new EmptyHeaders())
                .route(RoutePolicy.basic("chat", 1_000))
                .contentLength(contentLength)
                .build();
    }

    private static final class EmptyHeaders implements HeaderView {
        @Override
        public String get(CharSequence name) {
            return null;
        }

        @Override
        public List<String> getAll(CharSequence name) {
            return List.of();
        }

        @Override
        public boolean contains(CharSequence name) {
            return false;
        }

        @Override
        public int size() {
            return 0;
        }

        @Override
        public void forEach(BiConsumer<String, String> action) {
        }
    }
}
