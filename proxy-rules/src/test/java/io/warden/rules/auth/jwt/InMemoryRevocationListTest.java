package io.warden.rules.auth.jwt;

import io.warden.rules.auth.Fixtures.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.warden.rules.auth.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

class InMemoryRevocationListTest {

    private final ManualClock clock = ManualClock.atNow();

    @Test
    void entriesLiveExactlyAsLongAsTheirToken() {
        InMemoryRevocationList list = new InMemoryRevocationList(100, clock, clock);
        list.revoke("a", NOW.plus(Duration.ofMinutes(10)));
        list.revoke("gone", NOW.minusSeconds(1));

        assertThat(list.isRevoked("a")).isTrue();
        assertThat(list.isRevoked("gone")).as("an already expired token needs no entry").isFalse();
        clock.advance(Duration.ofMinutes(9));
        assertThat(list.isRevoked("a")).isTrue();
        clock.advance(Duration.ofMinutes(2));
        assertThat(list.isRevoked("a")).isFalse();
    }

    @Test
    void revokingAgainKeepsTheLaterExpiry() {
        InMemoryRevocationList list = new InMemoryRevocationList(100, clock, clock);
        list.revoke("a", NOW.plus(Duration.ofDays(7)));
        list.revoke("a", NOW.plus(Duration.ofMinutes(1)));
        clock.advance(Duration.ofHours(1));
        assertThat(list.isRevoked("a")).isTrue();
    }

    @Test
    void isBoundedAndCountsWhatItHadToForget() {
        InMemoryRevocationList list = new InMemoryRevocationList(10, clock, clock);
        for (int i = 0; i < 100; i++) {
            list.revoke("jti-" + i, NOW.plus(Duration.ofHours(1)));
        }
        assertThat(list.estimatedSize()).isLessThanOrEqualTo(10);
        assertThat(list.evictedBeforeExpiry()).as("dropping live revocations must be visible").isEqualTo(90);
    }
}
