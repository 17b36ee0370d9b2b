package io.warden.core.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.warden.core.state.EventBus;
import io.warden.core.testing.RawHttp;
import io.warden.core.testing.TestUpstream;
import io.warden.core.testing.WardenFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static io.warden.core.monitor.AdminClient.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

class EventLogLifecycleTest {

    @TempDir
    Path tmp;

    @Test
    void aGracefulStopUnderLoadLosesNoEvent() throws Exception {
        Path dir = tmp.resolve("events");
        try (TestUpstream upstream = new TestUpstream()) {
            WardenFixture warden = WardenFixture.start(upstream.url(), "admin.token=" + TOKEN,
                    "limits.maxRequestBodyBytes=100", "monitoring.threat.autoBlock=false",
                    "monitoring.eventLogDir=" + dir, "rateLimit.allowList=[127.0.0.0/8]");
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger refused = new AtomicInteger();
            List<Thread> clients = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread client = new Thread(() -> {
                    // bounded: at most 5000 requests a client, and it stops once Warden stops accepting
                    for (int i = 0; i < 5000 && running.get(); i++) {
                        try (RawHttp raw = new RawHttp(warden.port())) {
                            raw.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n"
                                    + "Connection: close\r\n\r\n").readUntilClose(5000);
                            refused.incrementAndGet();
                        } catch (IOException stopped) {
                            return;
                        }
                    }
                });
                client.start();
                clients.add(client);
            }
            while (refused.get() < 1000) {
                Thread.sleep(10);
            }
            EventBus bus = warden.warden().events();
            warden.close();
            running.set(false);
            for (Thread client : clients) {
                client.join(10_000);
            }
            long sent = bus.emitted();
            assertThat(bus.dropped()).as("the queue never overflowed here").isZero();
            assertThat(sent).isGreaterThan(1000);
            assertThat(linesIn(dir)).as("every event sent before and during the stop is in the log")
                    .isEqualTo(sent);
        }
    }

    @Test
    void anUnwritableLogDirectoryDegradesHealthAndRecovers() throws Exception {
        Path blocker = tmp.resolve("a-file");
        Files.writeString(blocker, "a regular file: no directory can be created under it, not even by root");
        try (TestUpstream upstream = new TestUpstream();
             WardenFixture warden = WardenFixture.start(upstream.url(), "admin.token=" + TOKEN,
                     "monitoring.eventLogDir=" + blocker.resolve("events"))) {
            AdminClient admin = new AdminClient(warden);
            JsonNode health = admin.getJson("/api/security/health");
            assertThat(health.get("status").asText()).as("serving, but says the log is broken").isEqualTo("degraded");
            assertThat(health.get("components").get("eventLog").get("status").asText()).isEqualTo("degraded");
            assertThat(warden.get("/api/health").statusCode()).as("the data plane keeps serving").isEqualTo(200);
            assertThat(PrometheusText.parse(admin.get("/metrics").body()))
                    .containsEntry("warden_event_log_writable", 0.0);

            Files.delete(blocker);
            Files.createDirectory(blocker);
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (System.nanoTime() < deadline
                    && !admin.getJson("/api/security/health").get("status").asText().equals("ok")) {
                Thread.sleep(50);
            }
            assertThat(admin.getJson("/api/security/health").get("status").asText()).isEqualTo("ok");
            admin.searchUntil("type=dependency_down", r -> r.get("events").size() == 1);
            admin.searchUntil("type=dependency_restored", r -> r.get("events").size() == 1);
        }
    }

    @Test
    void withMonitoringOffNothingIsWrittenAndTheApiStillAnswers() throws Exception {
        Path dir = tmp.resolve("off");
        try (TestUpstream upstream = new TestUpstream();
             WardenFixture warden = WardenFixture.start(upstream.url(), "admin.token=" + TOKEN,
                     "monitoring.enabled=false", "monitoring.eventLogDir=" + dir)) {
            AdminClient admin = new AdminClient(warden);
            assertThat(warden.get("/api/health").statusCode()).isEqualTo(200);
            assertThat(admin.getJson("/api/security/events/search").get("events")).isEmpty();
            assertThat(admin.getJson("/api/security/health").get("components").has("eventLog")).isFalse();
            assertThat(admin.getJson("/api/security/compliance/report").get("total_events").asLong()).isZero();
        }
        assertThat(dir).as("no event log when monitoring is off").doesNotExist();
    }

    private static long linesIn(Path dir) throws IOException {
        long n = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                try (Stream<String> lines = Files.lines(file)) {
                    n += lines.count();
                }
            }
        }
        return n;
    }
}
