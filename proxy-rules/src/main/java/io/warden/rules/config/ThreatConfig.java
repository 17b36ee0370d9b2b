package io.warden.rules.config;

import java.time.Duration;

/**
 * @param halfLife an address's threat score halves over this much quiet time
 * @param escalateScore a score reaching this raises a {@code threat_escalated} event (high)
 * @param blockScore a score reaching this blocks the address (critical), for the progressive
 *                   durations of {@code blocking}
 * @param correlationTypes this many distinct kinds of event from one address within the memory
 *                         are escalated as a correlated attack, whatever the score
 * @param memory how long an address's distinct kinds of event are remembered
 * @param maxTracked addresses tracked at once; the least recently seen are forgotten first
 * @param autoBlock whether crossing {@code blockScore} blocks, or only reports
 */
public record ThreatConfig(Duration halfLife, int escalateScore, int blockScore, int correlationTypes,
                           Duration memory, int maxTracked, boolean autoBlock) {

    public static ThreatConfig defaults() {
        return new ThreatConfig(Duration.ofMinutes(10), 50, 100, 3, Duration.ofHours(1), 100_000, true);
    }

    void validate(Problems p) {
        p.positive("monitoring.threat.halfLife", halfLife);
        p.positive("monitoring.threat.escalateScore", escalateScore);
        p.positive("monitoring.threat.blockScore", blockScore);
        if (blockScore > 0 && escalateScore > blockScore) {
            p.add("monitoring.threat.escalateScore", "must not exceed monitoring.threat.blockScore ("
                    + blockScore + "), got " + escalateScore);
        }
        if (correlationTypes < 2) {
            p.add("monitoring.threat.correlationTypes", "must be 2 or more, got " + correlationTypes);
        }
        p.positive("monitoring.threat.memory", memory);
        p.positive("monitoring.threat.maxTracked", maxTracked);
    }
}
