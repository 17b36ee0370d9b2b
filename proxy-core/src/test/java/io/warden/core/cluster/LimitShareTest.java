package io.warden.core.cluster;

import io.warden.rules.ratelimit.Gcra;
import io.warden.rules.ratelimit.GcraRule;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The local fallback's arithmetic: an instance's share of a fleet-wide limit. */
class LimitShareTest {

    private static int admittedAtOnce(GcraRule rule) {
        long tat = Gcra.EMPTY;
        int admitted = 0;
        while (true) {
            long next = Gcra.advance(rule, tat, 0, 1, false);
            if (next == Gcra.DENIED) {
                return admitted;
            }
            tat = next;
            admitted++;
        }
    }

    @Test
    void eachOfNInstancesGetsTheNthPartOfTheRateAndOfTheBurst() {
        GcraRule fleet = GcraRule.of(120, Duration.ofMinutes(1), 10);
        GcraRule share = ClusterLimiterStore.share(fleet, 2);
        assertThat(admittedAtOnce(fleet)).isEqualTo(10);
        assertThat(admittedAtOnce(share)).as("half the burst").isEqualTo(5);
        assertThat(share.intervalNanos()).as("half the rate").isEqualTo(2 * fleet.intervalNanos());
        assertThat(share.limit()).isEqualTo(60);
    }

    @Test
    void oneInstanceOrNoneSeenKeepsTheWholeLimit() {
        GcraRule fleet = GcraRule.of(100, Duration.ofMinutes(1), 100);
        assertThat(ClusterLimiterStore.share(fleet, 1)).isSameAs(fleet);
        assertThat(ClusterLimiterStore.share(fleet, 0)).isSameAs(fleet);
    }

    @Test
    void aShareNeverDropsBelowOneRequest() {
        GcraRule fleet = GcraRule.of(2, Duration.ofMinutes(1), 1);
        assertThat(admittedAtOnce(ClusterLimiterStore.share(fleet, 5))).isEqualTo(1);
    }
}
