package io.warden.core.state;

import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventPage;
import io.warden.rules.events.EventQuery;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.health.HealthStatus;
import io.warden.rules.json.JsonMappers;
import io.warden.rules.net.Cidr;
import io.warden.rules.ratelimit.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventLogTest {

    @TempDir
    Path tmp;

    private final ManualClock clock = new ManualClock();
    private final EventFactory factory = new EventFactory(clock);
    private final List<SecurityEvent> ownEvents = new CopyOnWriteArrayList<>();

    private EventLog open(Path dir) {
        return new EventLog(dir, 30, Duration.ofSeconds(1), clock, clock, JsonMappers.standard(), ownEvents::add,
                factory);
    }

    private SecurityEvent event(EventType type, ThreatLevel level, String ip, String requestId) {
        return factory.create(type, level, ip, requestId, "default", Map.of("reason", "because " + type.wireName()));
    }

    @Test
    void searchFiltersAndPagesNewestFirstAndSurvivesARestart() {
        Path dir = tmp.resolve("events");
        EventLog log = open(dir);
        List<SecurityEvent> sent = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            sent.add(event(i % 2 == 0 ? EventType.RATE_LIMIT_VIOLATION : EventType.INJECTION_ATTEMPT,
                    i % 5 == 0 ? ThreatLevel.HIGH : ThreatLevel.LOW, "10.0.0." + i, "req-" + i));
            clock.advanceMillis(10);
        }
        log.onEvents(sent);

        EventPage first = log.search(EventQuery.all(10), null);
        assertThat(first.events()).extracting(SecurityEvent::requestId).startsWith("req-24", "req-23");
        EventPage second = log.search(EventQuery.all(10), first.next());
        EventPage third = log.search(EventQuery.all(10), second.next());
        assertThat(third.events()).hasSize(5).last().extracting(SecurityEvent::requestId).isEqualTo("req-0");
        assertThat(third.next()).isNull();

        EventQuery high = new EventQuery(Set.of(), ThreatLevel.HIGH, null, null, null, null, null, 50);
        assertThat(log.search(high, null).events()).extracting(SecurityEvent::requestId)
                .containsExactly("req-20", "req-15", "req-10", "req-5", "req-0");
        EventQuery network = new EventQuery(Set.of(EventType.INJECTION_ATTEMPT), null, Cidr.parse("10.0.0.16/29"),
                null, null, null, null, 50);
        assertThat(log.search(network, null).events()).extracting(SecurityEvent::sourceIp)
                .containsExactly("10.0.0.23", "10.0.0.21", "10.0.0.19", "10.0.0.17");
        EventQuery byRequest = new EventQuery(Set.of(), null, null, null, null, "req-7", null, 50);
        assertThat(log.search(byRequest, null).events()).hasSize(1);
        EventQuery text = new EventQuery(Set.of(), null, null, null, null, null, "BECAUSE INJECTION", 50);
        assertThat(log.search(text, null).events()).hasSize(12);
        EventQuery window = new EventQuery(Set.of(), null, null, sent.get(3).timestamp(), sent.get(6).timestamp(),
                null, null, 50);
        assertThat(log.search(window, null).events()).extracting(SecurityEvent::requestId)
                .containsExactly("req-5", "req-4", "req-3");
        assertThat(log.find(sent.get(13).eventId())).contains(sent.get(13));
        log.close();

        EventLog reopened = open(dir);
        assertThat(reopened.count()).as("the index is rebuilt from the files").isEqualTo(25);
        assertThat(reopened.search(high, null).events()).hasSize(5);
        assertThat(reopened.search(network, null).events()).hasSize(4);
        assertThat(reopened.search(byRequest, null).events()).hasSize(1);
        assertThat(reopened.search(window, null).events()).hasSize(3);
        assertThat(reopened.find(sent.get(13).eventId())).contains(sent.get(13));
        reopened.close();
    }

    @Test
    void linesInAnotherLayoutAreIndexedByParsingThem() throws Exception {
        Path dir = tmp.resolve("events");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("events-2026-03-01.jsonl"), "{\"threat_level\":\"high\",\"event_type\":"
                + "\"bot_detected\",\"event_id\":\"e-1\",\"timestamp\":\"2026-03-01T09:00:00.5Z\","
                + "\"source_ip\":\"10.7.0.1\",\"request_id\":\"r\\u0031\",\"details\":{}}\n");
        EventLog log = open(dir);
        EventQuery query = new EventQuery(Set.of(EventType.BOT_DETECTED), ThreatLevel.HIGH, Cidr.parse("10.7.0.0/16"),
                null, null, "r1", null, 10);
        assertThat(log.search(query, null).events()).extracting(SecurityEvent::eventId).containsExactly("e-1");
        log.close();
    }

    @Test
    void aBadCursorIsRefused() {
        EventLog log = open(tmp.resolve("events"));
        assertThatThrownBy(() -> log.search(EventQuery.all(5), "abc")).isInstanceOf(IllegalArgumentException.class);
        log.close();
    }

    @Test
    void aHalfWrittenLastLineIsCutOffAtStart() throws Exception {
        Path dir = tmp.resolve("events");
        EventLog log = open(dir);
        log.onEvents(List.of(event(EventType.LOGIN_FAILURE, ThreatLevel.MEDIUM, "10.1.1.1", "a")));
        log.close();
        Path file = dir.resolve("events-" + LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC) + ".jsonl");
        Files.writeString(file, "{\"event_id\":\"half", java.nio.file.StandardOpenOption.APPEND);

        EventLog reopened = open(dir);
        reopened.onEvents(List.of(event(EventType.LOGIN_FAILURE, ThreatLevel.MEDIUM, "10.1.1.1", "b")));
        assertThat(reopened.search(EventQuery.all(10), null).events()).extracting(SecurityEvent::requestId)
                .containsExactly("b", "a");
        assertThat(Files.readAllLines(file)).hasSize(2);
        reopened.close();
    }

    @Test
    void retentionDeletesDayFilesOlderThanItsDays() {
        Path dir = tmp.resolve("events");
        EventLog log = open(dir);
        Instant start = clock.instant();
        for (int day = 0; day < 40; day++) {
            log.onEvents(List.of(event(EventType.BOT_DETECTED, ThreatLevel.LOW, "10.2.0.1", "d" + day)));
            clock.advance(Duration.ofDays(1));
        }
        assertThat(dir.toFile().list()).hasSize(40);
        // 40 days after the first event: days 0..9 are wholly older than 30 days
        log.tick();
        LocalDate today = LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        assertThat(dir.toFile().list()).as("only the last 30 days stay").hasSize(30)
                .doesNotContain("events-" + LocalDate.ofInstant(start, java.time.ZoneOffset.UTC) + ".jsonl")
                .contains("events-" + today.minusDays(30) + ".jsonl");
        assertThat(log.count()).isEqualTo(30);
        assertThat(log.retention().oldestDay()).isEqualTo(today.minusDays(30));
        log.close();
    }

    @Test
    void anUnusableDirectoryDegradesAndRecoversWithoutLosingEvents() throws Exception {
        Path blocker = tmp.resolve("not-a-dir");
        Files.writeString(blocker, "a regular file: nothing, not even root, can create a directory under it");
        Path dir = blocker.resolve("events");
        EventLog log = open(dir);
        assertThat(log.health().status()).as("an unusable directory is degraded, not fatal")
                .isEqualTo(HealthStatus.DEGRADED);
        assertThat(ownEvents).extracting(SecurityEvent::type).containsExactly(EventType.DEPENDENCY_DOWN);

        log.onEvents(List.of(event(EventType.LOGIN_FAILURE, ThreatLevel.MEDIUM, "10.3.0.1", "while-down")));
        assertThat(log.writable()).isFalse();

        Files.delete(blocker);
        Files.createDirectory(blocker);
        clock.advance(Duration.ofSeconds(2));
        log.tick();
        assertThat(log.health().status()).isEqualTo(HealthStatus.OK);
        assertThat(ownEvents).extracting(SecurityEvent::type)
                .containsExactly(EventType.DEPENDENCY_DOWN, EventType.DEPENDENCY_RESTORED);
        assertThat(log.search(EventQuery.all(10), null).events()).extracting(SecurityEvent::requestId)
                .as("events that came while the directory was unusable are written once it is back")
                .containsExactly("while-down");
        log.close();
    }
}
