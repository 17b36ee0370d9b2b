package io.warden.rules.ratelimit.bot;

import io.warden.rules.ratelimit.ManualClock;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class CadenceTrackerTest {

    private final ManualClock clock = new ManualClock();
    private final CadenceTracker cadence = new CadenceTracker(8, 1000, clock);

    @Test
    void aSleepLoopIsRegular() {
        boolean regular = false;
        for (int i = 0; i < 12; i++) {
            regular = cadence.observe("198.51.100.1");
            clock.advanceMillis(2000 + (i % 2) * 10);
        }
        assertThat(regular).as("a request every 2 s, give or take 10 ms").isTrue();
    }

    @Test
    void aPersonBrowsingIsNot() {
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            assertThat(cadence.observe("198.51.100.1")).as("request %d", i).isFalse();
            clock.advanceMillis(200 + random.nextInt(20_000));
        }
    }

    @Test
    void parallelFetchesOfOnePageAreNotACadence() {
        for (int i = 0; i < 40; i++) {
            assertThat(cadence.observe("198.51.100.1")).isFalse();
            clock.advanceMillis(1);
        }
    }

    @Test
    void aPauseStartsAfresh() {
        for (int i = 0; i < 12; i++) {
            cadence.observe("198.51.100.1");
            clock.advanceMillis(1000);
        }
        clock.advanceMillis(10 * 60_000);
        assertThat(cadence.observe("198.51.100.1")).isFalse();
        assertThat(cadence.observe("198.51.100.1")).isFalse();
    }
}
