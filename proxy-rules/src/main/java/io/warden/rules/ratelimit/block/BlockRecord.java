package io.warden.rules.ratelimit.block;

import io.warden.rules.events.ThreatLevel;

import java.time.Instant;
import java.util.Objects;

/**
 * One blocked address, as pure data: what core persists under the data directory and the admin
 * API lists.
 *
 * @param address the blocked key: an IPv4 address, or an IPv6 network such as {@code 2001:db8::/64}
 * @param since when the block began (wall clock)
 * @param until when it ends (wall clock, so it survives a restart)
 * @param reason short and safe to show (it goes into the 403 body's log event, not the body)
 * @param offences how many blocks this address has earned within the offence memory, this one included
 * @param manual set by an operator rather than by Warden
 * @param level how serious the cause is
 */
public record BlockRecord(String address, Instant since, Instant until, String reason, int offences,
                          boolean manual, ThreatLevel level) {

    public BlockRecord {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(level, "level");
    }

    public boolean activeAt(long epochMillis) {
        return until.toEpochMilli() > epochMillis;
    }

    /** Milliseconds left at {@code epochMillis}, 0 once over. */
    public long remainingMillis(long epochMillis) {
        return Math.max(0, until.toEpochMilli() - epochMillis);
    }
}
