package io.warden.rules.ratelimit;

/**
 * The generic cell rate algorithm as pure arithmetic on one long per key, the theoretical arrival
 * time (TAT). Stores call these functions inside their own atomic update, so the arithmetic is the
 * same whether the state lives in a local map or, later, behind a Redis script.
 *
 * <p>A request of {@code cost} units is allowed when advancing the TAT by {@code cost} intervals
 * keeps it within the tolerance of now; a denied request leaves the state unchanged.
 */
public final class Gcra {

    /** The state of a key never seen (or forgotten): any real TAT is larger. */
    public static final long EMPTY = Long.MIN_VALUE;

    /** What {@link #advance} answers when the request does not fit. */
    public static final long DENIED = Long.MIN_VALUE;

    private Gcra() {
    }

    /**
     * The TAT after admitting {@code cost} units at {@code now}, or {@link #DENIED}.
     *
     * @param force admit even when over the limit (charging a cost already incurred); the debt
     *              is capped at one extra tolerance so one huge charge cannot lock a key out for days
     */
    public static long advance(GcraRule rule, long stored, long now, long cost, boolean force) {
        long start = start(stored, now);
        long next = start + step(rule, cost);
        if (next - now <= rule.toleranceNanos()) {
            return next;
        }
        if (!force) {
            return DENIED;
        }
        return Math.min(next, now + 2 * rule.toleranceNanos());
    }

    /** The probe for a request that {@link #advance} admitted, moving the TAT to {@code next}. */
    public static RateLimitProbe allowed(GcraRule rule, long next, long now) {
        long ahead = next - now;
        long remaining = Math.max(0, (rule.toleranceNanos() - ahead) / rule.intervalNanos());
        return new RateLimitProbe(true, rule.limit(), remaining, Math.max(0, ahead), 0, false);
    }

    /** The probe for a request that did not fit, the stored TAT unchanged. */
    public static RateLimitProbe denied(GcraRule rule, long stored, long now, long cost) {
        long start = start(stored, now);
        long ahead = start - now;
        long retry = start + step(rule, cost) - rule.toleranceNanos() - now;
        long remaining = Math.max(0, (rule.toleranceNanos() - ahead) / rule.intervalNanos());
        return new RateLimitProbe(false, rule.limit(), remaining, ahead, Math.max(1, retry), false);
    }

    private static long start(long stored, long now) {
        return stored == EMPTY || stored < now ? now : stored;
    }

    /** {@code cost} intervals, saturated so an absurd cost cannot wrap around. */
    private static long step(GcraRule rule, long cost) {
        if (cost <= 0) {
            return 0;
        }
        long max = 4 * rule.toleranceNanos();
        return cost > max / rule.intervalNanos() ? max : cost * rule.intervalNanos();
    }
}
