package io.warden.rules.ratelimit.block;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.net.CidrSet;
import io.warden.rules.net.ClientAddress;
import io.warden.rules.net.IpAddresses;
import io.warden.rules.ratelimit.ClientKeys;
import io.warden.rules.ratelimit.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockListTest {

    private final ManualClock clock = new ManualClock();

    private BlockList list(double jitter, Duration max) {
        return new BlockList(new BlockDurations(Duration.ofMinutes(15), max, jitter), new ClientKeys(64),
                CidrSet.parse(List.of("10.0.0.0/8")), 1000, Duration.ofHours(24), clock, clock, () -> 0.5,
                new EventFactory(clock));
    }

    private static ClientAddress client(String ip) {
        return ClientAddress.of(IpAddresses.parse(ip).orElseThrow());
    }

    private Duration blockAndExpire(BlockList list, String ip) {
        BlockResult result = list.blockAutomatically(client(ip), "test", ThreatLevel.MEDIUM);
        assertThat(result.outcome()).isEqualTo(BlockResult.Outcome.BLOCKED);
        Duration length = Duration.between(result.record().since(), result.record().until());
        clock.advance(length);
        return length;
    }

    @Test
    void eachReOffenceDoublesUpToTheCap() {
        BlockList list = list(0, Duration.ofHours(2));
        assertThat(blockAndExpire(list, "198.51.100.1")).isEqualTo(Duration.ofMinutes(15));
        assertThat(blockAndExpire(list, "198.51.100.1")).isEqualTo(Duration.ofMinutes(30));
        assertThat(blockAndExpire(list, "198.51.100.1")).isEqualTo(Duration.ofMinutes(60));
        assertThat(blockAndExpire(list, "198.51.100.1")).isEqualTo(Duration.ofMinutes(120));
        assertThat(blockAndExpire(list, "198.51.100.1")).as("capped at blocking.maxBlock").isEqualTo(Duration.ofHours(2));
        assertThat(blockAndExpire(list, "198.51.100.2")).as("another address starts afresh")
                .isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void offencesAreForgottenAfterTheMemory() {
        BlockList list = list(0, Duration.ofHours(24));
        blockAndExpire(list, "198.51.100.1");
        clock.advance(Duration.ofHours(25));
        assertThat(blockAndExpire(list, "198.51.100.1")).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void jitterOnlyLengthensRepeatedBlocks() {
        BlockDurations d = new BlockDurations(Duration.ofMinutes(15), Duration.ofHours(24), 0.2);
        assertThat(d.forOffence(1, 0.99)).isEqualTo(Duration.ofMinutes(15));
        assertThat(d.forOffence(2, 0.0)).isEqualTo(Duration.ofMinutes(30));
        assertThat(d.forOffence(2, 0.99)).isBetween(Duration.ofMinutes(30), Duration.ofMinutes(36));
        assertThat(d.forOffence(200, 0.5)).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void anIpv6BlockCoversTheWholeSlash64() {
        BlockList list = list(0, Duration.ofHours(24));
        list.blockAutomatically(client("2001:db8:1:2::1"), "test", ThreatLevel.MEDIUM);
        assertThat(list.isBlocked("2001:db8:1:2:dead:beef::1")).isTrue();
        assertThat(list.isBlocked(IpAddresses.toBytes("2001:db8:1:2::ffff"))).isTrue();
        assertThat(list.isBlocked("2001:db8:1:3::1")).isFalse();
    }

    @Test
    void manualBlocksAndUnblocks() {
        BlockList list = list(0, Duration.ofHours(24));
        BlockRecord r = list.block("198.51.100.7", Duration.ofHours(3), "abuse report #12");
        assertThat(r.manual()).isTrue();
        assertThat(list.isBlocked("198.51.100.7")).isTrue();
        assertThat(list.active()).containsExactly(r);
        assertThat(list.unblock("198.51.100.7")).contains(r);
        assertThat(list.isBlocked("198.51.100.7")).isFalse();
        assertThat(list.unblock("198.51.100.7")).isEmpty();
        assertThatThrownBy(() -> list.block("not-an-ip", Duration.ofHours(1), "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> list.block("198.51.100.7", Duration.ZERO, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void allowListedAddressesAreNeverBlocked() {
        BlockList list = list(0, Duration.ofHours(24));
        assertThat(list.blockAutomatically(client("10.9.9.9"), "test", ThreatLevel.HIGH).outcome())
                .isEqualTo(BlockResult.Outcome.ALLOWED);
        assertThat(list.isBlocked("10.9.9.9")).isFalse();
    }

    @Test
    void snapshotAndRestoreKeepBlocksAndDropExpiredOnes() throws Exception {
        BlockList before = list(0, Duration.ofHours(24));
        before.blockAutomatically(client("198.51.100.1"), "rate limit exceeded", ThreatLevel.MEDIUM);
        before.block("198.51.100.2", Duration.ofHours(2), "operator");
        before.blockAutomatically(client("2001:db8:1:2::1"), "automated scanner", ThreatLevel.HIGH);

        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
        String saved = json.writeValueAsString(before.snapshot());
        BlockSnapshot loaded = json.readValue(saved, BlockSnapshot.class);
        assertThat(loaded).isEqualTo(before.snapshot());

        clock.advance(Duration.ofMinutes(20));
        BlockList after = list(0, Duration.ofHours(24));
        assertThat(after.restore(loaded)).as("only the 2-hour block outlived the restart").isEqualTo(1);
        assertThat(after.isBlocked("198.51.100.2")).isTrue();
        assertThat(after.isBlocked("198.51.100.1")).as("ended while Warden was down").isFalse();
        assertThat(after.isBlocked("2001:db8:1:2::5")).isFalse();

        BlockList immediately = list(0, Duration.ofHours(24));
        BlockSnapshot withJunk = new BlockSnapshot(1, List.of(new BlockRecord("not an address", clock.instant(),
                clock.instant().plus(Duration.ofHours(1)), "x", 1, false, ThreatLevel.LOW)));
        assertThat(immediately.restore(withJunk)).as("a corrupt entry is dropped, not trusted").isZero();
    }

    @Test
    void restoredOffencesKeepCountingForTheNextBlock() {
        BlockList before = list(0, Duration.ofHours(24));
        before.blockAutomatically(client("198.51.100.1"), "x", ThreatLevel.MEDIUM);
        BlockList after = list(0, Duration.ofHours(24));
        after.restore(before.snapshot());
        clock.advance(Duration.ofMinutes(15));
        assertThat(after.release(after.find(client("198.51.100.1")))).isTrue();
        BlockResult again = after.blockAutomatically(client("198.51.100.1"), "x", ThreatLevel.MEDIUM);
        assertThat(again.record().offences()).isEqualTo(2);
    }

    @Test
    void aFullListStillAnswersButDoesNotGrow() {
        BlockList small = new BlockList(new BlockDurations(Duration.ofMinutes(15), Duration.ofHours(1), 0),
                new ClientKeys(64), CidrSet.empty(), 2, Duration.ofHours(1), clock, clock, () -> 0,
                new EventFactory(clock));
        small.blockAutomatically(client("198.51.100.1"), "x", ThreatLevel.MEDIUM);
        small.blockAutomatically(client("198.51.100.2"), "x", ThreatLevel.MEDIUM);
        BlockResult third = small.blockAutomatically(client("198.51.100.3"), "x", ThreatLevel.MEDIUM);
        assertThat(third.outcome()).isEqualTo(BlockResult.Outcome.NOT_STORED);
        assertThat(third.isNew()).isTrue();
        assertThat(small.size()).isEqualTo(2);
        assertThat(small.notStored()).isEqualTo(1);
    }
}
