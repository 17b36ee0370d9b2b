package io.warden.rules.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    private final ManualClock clock = new ManualClock();
    private final CaffeineLimiterStore store = new CaffeineLimiterStore(1000);
    private final RateLimiter limiter = new RateLimiter(store, clock);
    private final GcraRule rule = GcraRule.of(100, Duration.ofMinutes(1), 100);

    @Test
    void keysAreIndependent() {
        for (int i = 0; i < 100; i++) {
            limiter.tryAcquire("a", rule);
        }
        assertThat(limiter.tryAcquire("a", rule).allowed()).isFalse();
        assertThat(limiter.tryAcquire("b", rule).allowed()).isTrue();
    }

    @Test
    void aDeniedRequestDoesNotSpendQuota() {
        for (int i = 0; i < 100; i++) {
            limiter.tryAcquire("a", rule);
        }
        for (int i = 0; i < 50; i++) {
            assertThat(limiter.tryAcquire("a", rule).allowed()).isFalse();
        }
        clock.advanceMillis(600);
        assertThat(limiter.tryAcquire("a", rule).allowed())
                .as("hammering while limited must not push the wait further out").isTrue();
    }

    @Test
    void anIdleKeyIsBackToItsFullQuota() {
        for (int i = 0; i < 100; i++) {
            limiter.tryAcquire("a", rule);
        }
        clock.advance(Duration.ofMinutes(1));
        assertThat(limiter.tryAcquire("a", rule).remaining()).isEqualTo(99);
    }

    @Test
    void theStoreIsBoundedInKeys() {
        for (int i = 0; i < 50_000; i++) {
            limiter.tryAcquire("k" + i, rule);
        }
        store.cleanUp();
        assertThat(store.estimatedSize()).isLessThanOrEqualTo(1000);
    }

    @Test
    void costZeroAsksWithoutSpending() {
        GcraRule budget = GcraRule.of(1000, Duration.ofHours(1), 1000);
        assertThat(limiter.tryAcquire("u", budget, 0).remaining()).isEqualTo(1000);
        limiter.charge("u", budget, 1500);
        RateLimitProbe probe = limiter.tryAcquire("u", budget, 0);
        assertThat(probe.allowed()).as("a spent budget").isFalse();
        assertThat(probe.retryAfterSeconds()).isEqualTo(1800);
    }
}
