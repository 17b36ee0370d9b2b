package io.warden.rules.ratelimit;

import java.time.Duration;

/**
 * The two numbers GCRA needs, derived once from "{@code limit} per {@code window}, bursts of
 * {@code burst}": the emission interval (one unit's worth of time) and the tolerance (how far
 * ahead of now the theoretical arrival time may run, i.e. the bucket's capacity in time).
 *
 * @param intervalNanos the window divided by the limit
 * @param toleranceNanos {@code intervalNanos * burst}
 * @param limit the quota per window, for headers
 * @param windowSeconds the window, for headers
 */
public record GcraRule(long intervalNanos, long toleranceNanos, long limit, long windowSeconds) {

    /** A window longer than this is refused, which keeps every product below overflow. */
    static final Duration MAX_WINDOW = Duration.ofDays(366);

    public GcraRule {
        if (intervalNanos <= 0 || toleranceNanos < intervalNanos || limit <= 0) {
            throw new IllegalArgumentException("a GCRA rule needs a positive interval, limit and burst");
        }
    }

    public static GcraRule of(long limit, Duration window, long burst) {
        if (limit <= 0 || burst <= 0) {
            throw new IllegalArgumentException("limit and burst must be positive, got " + limit + " and " + burst);
        }
        if (window.isNegative() || window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("window must be in (0, 366d], got " + window);
        }
        long interval = Math.max(1, window.toNanos() / limit);
        long tolerance = Math.multiplyExact(interval, burst);
        return new GcraRule(interval, tolerance, limit, Math.max(1, window.toSeconds()));
    }
}
