package io.warden.rules.auth.jwt;

import java.time.Duration;
import java.util.Locale;

/**
 * When core should fetch a JWKS URL next: ahead of the document's expiry, never more often than
 * {@code minInterval}, never less often than {@code interval}; after failures, backing off from
 * {@code minInterval} up to {@code interval} while the last good keys stay in use.
 */
public record JwksRefreshPolicy(Duration interval, Duration minInterval) {

    public JwksRefreshPolicy {
        if (minInterval.isNegative() || minInterval.isZero() || interval.compareTo(minInterval) < 0) {
            throw new IllegalArgumentException("need 0 < minInterval <= interval, got " + minInterval + " and " + interval);
        }
    }

    /**
     * @param cacheControl the response's {@code Cache-Control}, or null; refreshes at three
     *                     quarters of its {@code max-age}
     */
    public Duration afterSuccess(String cacheControl) {
        long maxAge = maxAgeSeconds(cacheControl);
        if (maxAge < 0) {
            return interval;
        }
        return clamp(Duration.ofSeconds(maxAge).multipliedBy(3).dividedBy(4));
    }

    /** @param consecutiveFailures 1 for the first failed fetch in a row */
    public Duration afterFailure(int consecutiveFailures) {
        int doublings = Math.min(Math.max(consecutiveFailures, 1) - 1, 20);
        return clamp(minInterval.multipliedBy(1L << doublings));
    }

    private Duration clamp(Duration d) {
        if (d.compareTo(minInterval) < 0) {
            return minInterval;
        }
        return d.compareTo(interval) > 0 ? interval : d;
    }

    private static long maxAgeSeconds(String cacheControl) {
        if (cacheControl == null) {
            return -1;
        }
        for (String directive : cacheControl.split(",")) {
            String d = directive.trim().toLowerCase(Locale.ROOT);
            if (d.startsWith("max-age=")) {
                try {
                    return Long.parseLong(d.substring("max-age=".length()).replace("\"", "").trim());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
