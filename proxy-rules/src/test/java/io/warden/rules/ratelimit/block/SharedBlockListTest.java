package io.warden.rules.ratelimit.block;

import io.warden.rules.events.EventFactory;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.net.CidrSet;
import io.warden.rules.net.ClientAddress;
import io.warden.rules.net.IpAddresses;
import io.warden.rules.ratelimit.ClientKeys;
import io.warden.rules.ratelimit.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What cluster mode needs of the block list: own changes heard, others' taken without echo. */
class SharedBlockListTest {

    private final ManualClock clock = new ManualClock();
    private final List<String> heard = new ArrayList<>();
    private final BlockList list = new BlockList(new BlockDurations(Duration.ofMinutes(15), Duration.ofHours(2), 0),
            new ClientKeys(64), CidrSet.parse(List.of("10.0.0.0/8")), 1000, Duration.ofHours(24), clock, clock,
            () -> 0.5, new EventFactory(clock));

    SharedBlockListTest() {
        list.listen(new BlockList.Listener() {
            @Override
            public void blocked(BlockRecord record) {
                heard.add("block " + record.address());
            }

            @Override
            public void unblocked(String key) {
                heard.add("unblock " + key);
            }
        });
    }

    private BlockRecord remote(String key, Duration lasting) {
        Instant now = Instant.ofEpochMilli(clock.millis());
        return new BlockRecord(key, now, now.plus(lasting), "blocked elsewhere", 1, false, ThreatLevel.HIGH);
    }

    @Test
    void ownBlocksAndUnblocksAreHeardOnceEach() {
        list.blockAutomatically(ClientAddress.of(IpAddresses.parse("198.51.100.1").orElseThrow()), "t",
                ThreatLevel.MEDIUM);
        list.blockAutomatically(ClientAddress.of(IpAddresses.parse("198.51.100.1").orElseThrow()), "t",
                ThreatLevel.MEDIUM);
        list.block("198.51.100.2", Duration.ofMinutes(5), "operator");
        list.unblock("198.51.100.2");
        assertThat(heard).as("an address already blocked is not blocked again, so not shared again")
                .containsExactly("block 198.51.100.1", "block 198.51.100.2", "unblock 198.51.100.2");
    }

    @Test
    void adoptedBlocksAreEnforcedButNotEchoed() {
        assertThat(list.adopt(remote("198.51.100.3", Duration.ofMinutes(5)))).isTrue();
        assertThat(list.isBlocked("198.51.100.3")).isTrue();
        assertThat(list.drop("198.51.100.3")).isPresent();
        assertThat(list.isBlocked("198.51.100.3")).isFalse();
        assertThat(heard).as("a block that came from another instance is not published back").isEmpty();
    }

    @Test
    void adoptKeepsTheLongerBlockAndRefusesEndedAllowListedOrMalformedOnes() {
        list.block("198.51.100.4", Duration.ofMinutes(30), "operator");
        assertThat(list.adopt(remote("198.51.100.4", Duration.ofMinutes(5)))).as("shorter than the one held").isFalse();
        assertThat(list.adopt(remote("198.51.100.4", Duration.ofHours(1)))).as("longer replaces").isTrue();
        assertThat(list.adopt(remote("198.51.100.5", Duration.ofMillis(-1)))).as("already over").isFalse();
        assertThat(list.adopt(remote("10.1.2.3", Duration.ofMinutes(5)))).as("allow-listed here").isFalse();
        assertThat(list.adopt(remote("not-an-ip", Duration.ofMinutes(5)))).isFalse();
        assertThat(list.isBlocked("10.1.2.3")).isFalse();
    }
}
