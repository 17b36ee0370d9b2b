package io.warden.rules.ratelimit.block;

import io.warden.rules.config.BlockingConfig;
import io.warden.rules.config.LimitMode;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.pipeline.Decision;
import io.warden.rules.ratelimit.Fixture;
import io.warden.rules.ratelimit.Requests;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Progressive blocking as a client meets it: violations, the 403, expiry, re-offence. */
class BlockingTest {

    private static final String CLIENT = "203.0.113.9";

    private final Fixture f = new Fixture(Fixture.rateLimit(10, null, 1000), BlockingConfig.defaults());

    private Decision overTheLimit() {
        return f.request(Requests.from(CLIENT));
    }

    private void spendQuota() {
        for (int i = 0; i < 10; i++) {
            assertThat(f.request(Requests.from(CLIENT))).isInstanceOf(Decision.Proceed.class);
        }
    }

    @Test
    void fiveViolationsAreToleratedAndTheSixthBlocks() {
        spendQuota();
        for (int i = 1; i <= 5; i++) {
            Decision d = overTheLimit();
            assertThat(((Decision.Reject) d).status()).isEqualTo(429);
            assertThat(Fixture.count(d, EventType.IP_BLOCKED)).as("violation %d of 5 tolerated", i).isZero();
        }
        Decision sixth = overTheLimit();
        assertThat(((Decision.Reject) sixth).status()).as("the sixth is still answered as a rate limit").isEqualTo(429);
        SecurityEvent blocked = sixth.events().stream().filter(e -> e.type() == EventType.IP_BLOCKED).findFirst()
                .orElseThrow(() -> new AssertionError("the sixth violation must block"));
        assertThat(blocked.details()).containsEntry("key", CLIENT).containsEntry("offences", 1)
                .containsEntry("durationSeconds", 900L).containsEntry("violations", 6)
                .containsEntry("reason", "rate limit exceeded");
        assertThat(blocked.requestId()).isNotNull();

        Decision next = f.request(Requests.from(CLIENT));
        assertThat(next).isInstanceOf(Decision.Reject.class);
        Decision.Reject r = (Decision.Reject) next;
        assertThat(r.status()).as("a blocked address is refused before any limit").isEqualTo(403);
        assertThat(r.reason()).isEqualTo("address blocked: rate limit exceeded");
        assertThat(r.headers()).containsEntry("Retry-After", "900");
        assertThat(r.closeConnection()).isTrue();
        assertThat(f.limits.blockList().isBlocked(CLIENT)).as("the connection guard sees it too").isTrue();
        assertThat(f.limits.blockList().isBlocked("203.0.113.10")).isFalse();
    }

    @Test
    void violationsOutsideTheWindowDoNotAddUp() {
        spendQuota();
        for (int i = 0; i < 5; i++) {
            overTheLimit();
        }
        f.clock.advance(Duration.ofSeconds(61));
        spendQuota();
        for (int i = 0; i < 5; i++) {
            assertThat(Fixture.count(overTheLimit(), EventType.IP_BLOCKED)).isZero();
        }
        assertThat(f.limits.blockList().isBlocked(CLIENT)).isFalse();
    }

    @Test
    void aBlockExpiresOnTimeAndTheUnblockIsReportedOnce() {
        block();
        f.clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        Decision stillBlocked = f.request(Requests.from(CLIENT));
        assertThat(((Decision.Reject) stillBlocked).headers()).containsEntry("Retry-After", "1");

        f.clock.advance(Duration.ofSeconds(1));
        assertThat(f.limits.blockList().isBlocked(CLIENT)).as("15 minutes later the block is over").isFalse();
        Decision back = f.request(Requests.from(CLIENT));
        assertThat(back).isInstanceOf(Decision.Proceed.class);
        assertThat(Fixture.count(back, EventType.IP_UNBLOCKED)).as("the first request after expiry reports it").isEqualTo(1);
        assertThat(Fixture.count(f.request(Requests.from(CLIENT)), EventType.IP_UNBLOCKED)).as("exactly once").isZero();
        assertThat(f.limits.blockList().sweep()).isEmpty();
    }

    @Test
    void aSweepReportsBlocksOfAddressesThatNeverCameBack() {
        block();
        f.clock.advance(Duration.ofMinutes(16));
        assertThat(f.limits.blockList().sweep()).singleElement()
                .satisfies(e -> assertThat(e.type()).isEqualTo(EventType.IP_UNBLOCKED))
                .satisfies(e -> assertThat(e.details()).containsEntry("key", CLIENT));
        assertThat(f.limits.blockList().size()).isZero();
        assertThat(Fixture.count(f.request(Requests.from(CLIENT)), EventType.IP_UNBLOCKED)).isZero();
    }

    @Test
    void reOffendingSoonAfterDoublesTheBlock() {
        block();
        f.clock.advance(Duration.ofMinutes(15));
        f.request(Requests.from(CLIENT));
        f.clock.advance(Duration.ofMinutes(1));
        SecurityEvent second = block();
        assertThat(second.details()).containsEntry("offences", 2);
        assertThat((Long) second.details().get("durationSeconds"))
                .as("doubled, plus jitter of 0.5 x 20%%").isEqualTo(Duration.ofMinutes(33).toSeconds());
        assertThat(second.level().name()).isEqualTo("HIGH");
    }

    @Test
    void detectModeReportsTheBlockButDoesNotApplyIt() {
        BlockingConfig d = BlockingConfig.defaults();
        Fixture detect = new Fixture(Fixture.rateLimit(10, null, 1000), new BlockingConfig(d.violationsBeforeBlock(),
                d.blockMinutes(), d.window(), d.maxBlock(), d.jitter(), d.offenceMemory(), d.failedLoginWindow(),
                d.maxEntries(), LimitMode.DETECT));
        long reported = 0;
        for (int i = 0; i < 16; i++) {
            reported += Fixture.count(detect.request(Requests.from(CLIENT)), EventType.IP_BLOCKED);
        }
        assertThat(reported).isEqualTo(1);
        assertThat(detect.limits.blockList().isBlocked(CLIENT)).isFalse();
    }

    /** Drives the client into a block and answers the block's event. */
    private SecurityEvent block() {
        for (int i = 0; i < 30; i++) {
            Decision d = f.request(Requests.from(CLIENT));
            for (SecurityEvent e : d.events()) {
                if (e.type() == EventType.IP_BLOCKED) {
                    return e;
                }
            }
        }
        throw new AssertionError("no block after 30 requests");
    }
}
