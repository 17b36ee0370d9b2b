package io.warden.rules.ratelimit;

/**
 * Where GCRA state lives: one long per key. The local implementation is
 * {@link CaffeineLimiterStore}; a cluster store (Redis) implements the same two operations as one
 * atomic script each, with the arithmetic of {@link Gcra}.
 *
 * <p>Both operations are atomic per key and must not block: a remote store answers from local
 * state, or fails open, rather than wait on the network on an event-loop thread.
 */
public interface LimiterStore {

    /**
     * Admits {@code cost} units for {@code key} if they fit, else leaves the state as it was.
     *
     * @param now the caller's monotonic nanos; a shared store may use its own clock instead
     */
    RateLimitProbe acquire(String key, GcraRule rule, long cost, long now);

    /**
     * Charges {@code cost} units already spent, fitting or not (capped debt): the next
     * {@link #acquire} sees them. Used for costs known only after the response.
     */
    RateLimitProbe charge(String key, GcraRule rule, long cost, long now);

    /** The number of keys held; approximate, for metrics and memory-bound tests. */
    long estimatedSize();

    /** Runs pending evictions now; for tests and metrics that want an exact bound. */
    default void cleanUp() {
    }
}
