package io.warden.rules.ratelimit;

/**
 * One limiter decision as data, enough for a 429, {@code Retry-After} and the rate-limit headers.
 *
 * @param allowed whether the request fits
 * @param limit the quota per window
 * @param remaining units still available right after this decision
 * @param resetNanos time until the key is back to its full quota
 * @param retryAfterNanos when denied, time until the same request would fit; 0 when allowed
 * @param unavailable denied because the shared limiter state cannot be reached and the operator
 *                    chose to fail closed: not the client's doing, so it must not count toward a block
 */
public record RateLimitProbe(boolean allowed, long limit, long remaining, long resetNanos, long retryAfterNanos,
                             boolean unavailable) {

    /** A denial made because the shared state is unreachable, retried after {@code retryAfterNanos}. */
    public static RateLimitProbe unavailable(long limit, long retryAfterNanos) {
        return new RateLimitProbe(false, limit, 0, 0, retryAfterNanos, true);
    }

    /** Whole seconds, rounded up, for {@code Retry-After} and header fields: never 0 when waiting is needed. */
    public static long seconds(long nanos) {
        return nanos <= 0 ? 0 : (nanos + 999_999_999L) / 1_000_000_000L;
    }

    public long retryAfterSeconds() {
        return Math.max(1, seconds(retryAfterNanos));
    }

    public long resetSeconds() {
        return seconds(resetNanos);
    }
}
