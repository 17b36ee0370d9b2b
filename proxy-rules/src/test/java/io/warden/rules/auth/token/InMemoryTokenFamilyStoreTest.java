package io.warden.rules.auth.token;

import io.warden.rules.auth.Fixtures.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.warden.rules.auth.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

class InMemoryTokenFamilyStoreTest {

    private final ManualClock clock = ManualClock.atNow();
    private final InMemoryTokenFamilyStore store = new InMemoryTokenFamilyStore(100, clock, clock);

    @Test
    void rotationSucceedsOnceForTheCurrentTokenOnly() {
        store.create(new TokenFamily("f1", "alice", "r1", NOW.plus(Duration.ofDays(7)), false));

        assertThat(store.rotate("f1", "r1", "r2", NOW.plus(Duration.ofDays(7)))).isTrue();
        assertThat(store.rotate("f1", "r1", "r3", NOW.plus(Duration.ofDays(7))))
                .as("the second use of one refresh token loses, which is how concurrent reuse is caught").isFalse();
        assertThat(store.find("f1").currentJti()).isEqualTo("r2");
    }

    @Test
    void revokedFamiliesStayKnownUntilExpiryButNeverRotate() {
        store.create(new TokenFamily("f1", "alice", "r1", NOW.plus(Duration.ofDays(1)), false));
        store.revoke("f1");

        assertThat(store.find("f1").revoked()).isTrue();
        assertThat(store.rotate("f1", "r1", "r2", NOW.plus(Duration.ofDays(1)))).isFalse();
        clock.advance(Duration.ofDays(1).plusSeconds(1));
        assertThat(store.find("f1")).isNull();
        assertThat(store.rotate("missing", "r1", "r2", NOW)).isFalse();
    }
}
