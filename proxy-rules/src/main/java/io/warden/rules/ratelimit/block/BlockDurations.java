package io.warden.rules.ratelimit.block;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the n-th block of an address lasts: {@code first}, then doubling with each re-offence,
 * plus up to {@code jitter} of it at random (so addresses blocked together are not released
 * together), never longer than {@code max}. The first block has no jitter: an operator and the
 * {@code Retry-After} a client reads both expect exactly {@code blocking.blockMinutes}.
 */
public record BlockDurations(Duration first, Duration max, double jitter) {

    public BlockDurations {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 < first <= max, got " + first + " and " + max);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be in 0..1, got " + jitter);
        }
    }

    /**
     * @param offence 1 for a first block, 2 for the next within the offence memory, ...
     * @param random a value in [0, 1) choosing the jitter
     */
    public Duration forOffence(int offence, double random) {
        if (offence <= 1) {
            return first;
        }
        int doublings = Math.min(offence - 1, 40);
        double millis = first.toMillis() * Math.pow(2, doublings) * (1 + jitter * random);
        return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
    }
}
