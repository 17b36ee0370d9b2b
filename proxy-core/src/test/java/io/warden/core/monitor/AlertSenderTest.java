package io.warden.core.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.warden.core.testing.TestUpstream;
import io.warden.core.testing.WardenFixture;
import io.warden.rules.config.AlertsConfig;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.json.JsonMappers;
import io.warden.rules.time.Ticker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.warden.core.monitor.AdminClient.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

class AlertSenderTest {

    private final ObjectMapper json = new ObjectMapper();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToServe = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();
    private HttpServer receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            attempts.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (failuresToServe.getAndDecrement() > 0) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                received.add(json.readTree(body));
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void highEventsArePostedInBatchesAndFailedPostsAreRetried() throws Exception {
        failuresToServe.set(2);
        AlertsConfig config = new AlertsConfig(url(), ThreatLevel.HIGH, Duration.ofMillis(200), 100, 12, 1000, 3,
                Duration.ofSeconds(5));
        AlertSender sender = new AlertSender(config, JsonMappers.standard(), Clock.systemUTC(), Ticker.system(),
                Duration.ofMillis(50));
        EventFactory factory = new EventFactory(Clock.systemUTC());
        List<SecurityEvent> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(factory.create(EventType.INJECTION_ATTEMPT, ThreatLevel.HIGH, "10.0.0." + i, "r" + i, "x",
                    Map.of("n", i)));
        }
        batch.add(factory.create(EventType.LOGIN_FAILURE, ThreatLevel.LOW, "10.0.0.9", "low", "x", Map.of()));
        sender.onEvents(batch);
        await(() -> !received.isEmpty());
        sender.close();

        assertThat(attempts.get()).as("two failures, then the retry that succeeds").isEqualTo(3);
        assertThat(received).singleElement().satisfies(post -> {
            assertThat(post.get("source").asText()).isEqualTo("warden");
            assertThat(post.get("count").asInt()).as("one post carries the whole batch").isEqualTo(5);
            assertThat(post.get("events").findValuesAsText("threat_level")).containsOnly("high");
        });
        assertThat(sender.sent()).isEqualTo(5);
    }

    @Test
    void postsAreRateLimitedAndFailuresNeverReachTheCaller() throws Exception {
        AlertsConfig config = new AlertsConfig(url(), ThreatLevel.HIGH, Duration.ofMillis(50), 2, 2, 1000, 0,
                Duration.ofSeconds(5));
        AlertSender sender = new AlertSender(config, JsonMappers.standard(), Clock.systemUTC(), Ticker.system(),
                Duration.ofMillis(10));
        EventFactory factory = new EventFactory(Clock.systemUTC());
        for (int i = 0; i < 10; i++) {
            sender.onEvents(List.of(factory.create(EventType.THREAT_ESCALATED, ThreatLevel.CRITICAL, "10.1.0.1",
                    null, null, Map.of())));
        }
        await(() -> received.size() >= 2);
        Thread.sleep(300);
        assertThat(received).as("at most maxPerMinute posts in a minute").hasSize(2);
        sender.close();
    }

    @Test
    void wardenAlertsOnAnOperatorEscalationThroughItsWebhook() throws Exception {
        try (TestUpstream upstream = new TestUpstream();
             WardenFixture warden = WardenFixture.start(upstream.url(), "admin.token=" + TOKEN,
                     "monitoring.alerts.webhookUrl=" + url(), "monitoring.alerts.batchInterval=100ms")) {
            AdminClient admin = new AdminClient(warden);
            admin.postJson("/api/security/threat-response",
                    "{\"action\":\"block_ip\",\"target\":\"198.51.100.4\",\"reason\":\"alert test\"}");
            await(() -> received.stream().anyMatch(p -> p.toString().contains("198.51.100.4")));
            assertThat(received.toString()).as("a manual block is a high event, and high events alert")
                    .contains("ip_blocked").contains("198.51.100.4");
        }
    }
}
