package io.warden.rules.monitor;

import io.warden.rules.events.ThreatLevel;
import io.warden.rules.ratelimit.block.BlockRecord;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Blocking and unblocking addresses from outside the request path: the admin API and the threat
 * tracker. Implementations report each change as an {@code ip_blocked}/{@code ip_unblocked} event
 * naming who made it. Thread-safe; never blocks.
 */
public interface BlockControl {

    /**
     * An operator's block, replacing any block of the address.
     *
     * @param actor who asked, for the audit trail
     * @throws IllegalArgumentException when the address is not an IP literal or the duration not positive
     */
    BlockRecord block(String address, Duration duration, String reason, String actor);

    /** Lifts a block; empty when the address was not blocked. */
    Optional<BlockRecord> unblock(String address, String actor);

    /**
     * An automatic block for a threat, lasting the progressive durations of {@code blocking}; empty
     * when the address is allow-listed or already blocked.
     */
    Optional<BlockRecord> blockForThreat(String address, String reason, ThreatLevel level);

    /** The blocks in force now, soonest to end first. */
    List<BlockRecord> active();
}
