package io.warden.rules.ratelimit;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class GcraTest {

    private static final long NOW = -7_000_000_000L;

    @Test
    void aFullBurstFitsThenTheNextWaitsOneInterval() {
        GcraRule rule = GcraRule.of(100, Duration.ofMinutes(1), 100);
        long tat = Gcra.EMPTY;
        for (int i = 1; i <= 100; i++) {
            long next = Gcra.advance(rule, tat, NOW, 1, false);
            assertThat(next).as("request %d of a burst of 100", i).isNotEqualTo(Gcra.DENIED);
            assertThat(Gcra.allowed(rule, next, NOW).remaining()).isEqualTo(100 - i);
            tat = next;
        }
        assertThat(Gcra.advance(rule, tat, NOW, 1, false)).isEqualTo(Gcra.DENIED);
        RateLimitProbe denied = Gcra.denied(rule, tat, NOW, 1);
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.retryAfterNanos()).as("one emission interval").isEqualTo(600_000_000L);
        assertThat(denied.retryAfterSeconds()).isEqualTo(1);
        assertThat(denied.resetSeconds()).isEqualTo(60);
    }

    @Test
    void quotaComesBackAtTheRateNotAllAtOnce() {
        GcraRule rule = GcraRule.of(60, Duration.ofMinutes(1), 10);
        long tat = Gcra.EMPTY;
        for (int i = 0; i < 10; i++) {
            tat = Gcra.advance(rule, tat, NOW, 1, false);
        }
        assertThat(Gcra.advance(rule, tat, NOW, 1, false)).isEqualTo(Gcra.DENIED);
        long later = NOW + Duration.ofSeconds(1).toNanos();
        long next = Gcra.advance(rule, tat, later, 1, false);
        assertThat(next).as("one request a second comes back").isNotEqualTo(Gcra.DENIED);
        assertThat(Gcra.advance(rule, next, later, 1, false)).isEqualTo(Gcra.DENIED);
    }

    @Test
    void chargingAlwaysSpendsButCapsTheDebt() {
        GcraRule rule = GcraRule.of(1000, Duration.ofHours(1), 1000);
        long tat = Gcra.advance(rule, Gcra.EMPTY, NOW, 1_000_000_000L, true);
        assertThat(tat - NOW).as("debt capped at one extra window").isEqualTo(2 * rule.toleranceNanos());
        assertThat(Gcra.advance(rule, tat, NOW, 0, false)).isEqualTo(Gcra.DENIED);
        assertThat(Gcra.denied(rule, tat, NOW, 0).retryAfterNanos()).isEqualTo(rule.toleranceNanos());
    }

    @Property
    void neverAdmitsMoreThanBurstPlusElapsedQuota(@ForAll @IntRange(min = 1, max = 500) int limit,
                                                  @ForAll @IntRange(min = 1, max = 500) int burst,
                                                  @ForAll @LongRange(min = 0, max = 120_000) long spanMillis,
                                                  @ForAll @IntRange(min = 1, max = 2000) int attempts) {
        GcraRule rule = GcraRule.of(limit, Duration.ofMinutes(1), burst);
        long tat = Gcra.EMPTY;
        int admitted = 0;
        long span = Duration.ofMillis(spanMillis).toNanos();
        for (int i = 0; i < attempts; i++) {
            long now = NOW + span * i / attempts;
            long next = Gcra.advance(rule, tat, now, 1, false);
            if (next != Gcra.DENIED) {
                tat = next;
                admitted++;
            }
        }
        long earned = span / rule.intervalNanos();
        assertThat((long) admitted).as("GCRA admits at most burst + elapsed/interval").isLessThanOrEqualTo(burst + earned);
    }
}
