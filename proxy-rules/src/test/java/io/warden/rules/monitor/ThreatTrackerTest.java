package io.warden.rules.monitor;

import io.warden.rules.config.ThreatConfig;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.ratelimit.ManualClock;
import io.warden.rules.ratelimit.block.BlockRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ThreatTrackerTest {

    private final ManualClock clock = new ManualClock();
    private final EventFactory factory = new EventFactory(clock);
    private final List<String> blocked = new ArrayList<>();
    private final BlockControl blocks = new BlockControl() {
        @Override
        public BlockRecord block(String address, Duration duration, String reason, String actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<BlockRecord> unblock(String address, String actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<BlockRecord> blockForThreat(String address, String reason, ThreatLevel level) {
            blocked.add(address);
            Instant now = clock.instant();
            return Optional.of(new BlockRecord(address, now, now.plus(Duration.ofMinutes(15)), reason, 1, false,
                    level));
        }

        @Override
        public List<BlockRecord> active() {
            return List.of();
        }
    };
    private final ThreatTracker tracker = new ThreatTracker(ThreatConfig.defaults(), blocks, factory, clock);

    private List<SecurityEvent> observe(EventType type, ThreatLevel level, String ip) {
        return tracker.observe(factory.create(type, level, ip, "r", "default", Map.of()));
    }

    @Test
    void scoresEscalateThenBlockAndTheScoreStartsAgain() {
        List<SecurityEvent> raised = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            raised.addAll(observe(EventType.RATE_LIMIT_VIOLATION, ThreatLevel.MEDIUM, "10.0.0.9"));
        }
        assertThat(raised).as("45 points: below the escalation score of 50").isEmpty();
        raised.addAll(observe(EventType.RATE_LIMIT_VIOLATION, ThreatLevel.MEDIUM, "10.0.0.9"));
        assertThat(raised).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.THREAT_ESCALATED);
            assertThat(e.level()).isEqualTo(ThreatLevel.HIGH);
        });
        for (int i = 0; i < 10; i++) {
            raised.addAll(observe(EventType.RATE_LIMIT_VIOLATION, ThreatLevel.MEDIUM, "10.0.0.9"));
        }
        assertThat(blocked).as("100 points block the address").containsExactly("10.0.0.9");
        assertThat(raised).last().satisfies(e -> {
            assertThat(e.level()).isEqualTo(ThreatLevel.CRITICAL);
            assertThat(e.details()).containsEntry("action", "blocked");
        });
        assertThat(tracker.score("10.0.0.9")).isZero();
    }

    @Test
    void scoresDecayWithTheHalfLife() {
        for (int i = 0; i < 8; i++) {
            observe(EventType.LOGIN_FAILURE, ThreatLevel.MEDIUM, "10.0.0.7");
        }
        assertThat(tracker.score("10.0.0.7")).isEqualTo(40.0);
        clock.advance(Duration.ofMinutes(10));
        assertThat(tracker.score("10.0.0.7")).isCloseTo(20.0, org.assertj.core.data.Offset.offset(0.01));
        clock.advance(Duration.ofMinutes(20));
        for (int i = 0; i < 8; i++) {
            observe(EventType.LOGIN_FAILURE, ThreatLevel.MEDIUM, "10.0.0.7");
        }
        assertThat(blocked).as("a slow trickle decays away and never reaches the block score").isEmpty();
    }

    @Test
    void severalKindsOfEventsFromOneAddressAreACorrelatedThreat() {
        observe(EventType.BOT_DETECTED, ThreatLevel.LOW, "10.0.0.5");
        observe(EventType.SUSPICIOUS_HEADER, ThreatLevel.LOW, "10.0.0.5");
        List<SecurityEvent> raised = observe(EventType.PROTOCOL_VIOLATION, ThreatLevel.LOW, "10.0.0.5");
        assertThat(raised).singleElement().satisfies(e ->
                assertThat(e.details()).containsEntry("reason", "correlated"));
        assertThat(observe(EventType.INJECTION_ATTEMPT, ThreatLevel.LOW, "10.0.0.5"))
                .as("a correlation is reported once").isEmpty();
    }

    @Test
    void consequencesAndEventsWithoutAnAddressAreNotScored() {
        for (int i = 0; i < 20; i++) {
            assertThat(observe(EventType.IP_BLOCKED, ThreatLevel.CRITICAL, "10.0.0.4")).isEmpty();
            assertThat(observe(EventType.THREAT_ESCALATED, ThreatLevel.CRITICAL, "10.0.0.4")).isEmpty();
            assertThat(observe(EventType.INJECTION_ATTEMPT, ThreatLevel.CRITICAL, null)).isEmpty();
        }
        assertThat(tracker.tracked()).isZero();
    }

    @Test
    void theTopOffendersComeHighestFirst() {
        observe(EventType.INJECTION_ATTEMPT, ThreatLevel.HIGH, "10.0.0.1");
        observe(EventType.INJECTION_ATTEMPT, ThreatLevel.MEDIUM, "10.0.0.2");
        observe(EventType.INJECTION_ATTEMPT, ThreatLevel.CRITICAL, "10.0.0.3");
        assertThat(tracker.top(2)).extracting(ThreatTracker.Standing::address).containsExactly("10.0.0.3", "10.0.0.1");
    }
}
