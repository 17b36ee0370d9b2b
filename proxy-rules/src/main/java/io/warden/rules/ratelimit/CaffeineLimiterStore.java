package io.warden.rules.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.warden.rules.time.Ticker;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * GCRA state in process memory: one {@link AtomicLong} per key, updated lock-free by compare and
 * set, inside a Caffeine cache bounded in size (a flood of distinct keys evicts, it does not grow
 * the heap) and expiring keys idle longer than {@code idleExpiry} (their state then equals none).
 *
 * <p>Cache maintenance runs on the calling thread: the rules module starts no threads, and the
 * cost is amortised over requests. An evicted key starts afresh, which errs on the lenient side.
 */
public final class CaffeineLimiterStore implements LimiterStore {

    private final Cache<String, AtomicLong> cells;

    /**
     * @param maximumKeys the most keys held
     * @param idleExpiry at least the longest tolerance of the rules used with this store, so a key
     *                   is never forgotten while its TAT is still ahead of now
     */
    public CaffeineLimiterStore(long maximumKeys, Duration idleExpiry, Ticker ticker) {
        if (maximumKeys <= 0) {
            throw new IllegalArgumentException("maximumKeys must be positive, got " + maximumKeys);
        }
        this.cells = Caffeine.newBuilder()
                .maximumSize(maximumKeys)
                .expireAfterAccess(idleExpiry)
                .ticker(ticker::nanos)
                .executor(Runnable::run)
                .build();
    }

    @Override
    public RateLimitProbe acquire(String key, GcraRule rule, long cost, long now) {
        return update(key, rule, cost, now, false);
    }

    @Override
    public RateLimitProbe charge(String key, GcraRule rule, long cost, long now) {
        return update(key, rule, cost, now, true);
    }

    private RateLimitProbe update(String key, GcraRule rule, long cost, long now, boolean force) {
        AtomicLong cell = cells.get(key, k -> new AtomicLong(Gcra.EMPTY));
        while (true) {
            long stored = cell.get();
            long next = Gcra.advance(rule, stored, now, cost, force);
            if (next == Gcra.DENIED) {
                return Gcra.denied(rule, stored, now, cost);
            }
            if (next == stored || cell.compareAndSet(stored, next)) {
                return Gcra.allowed(rule, next, now);
            }
        }
    }

    @Override
    public void reset(String key) {
        cells.invalidate(key);
    }

    @Override
    public long estimatedSize() {
        return cells.estimatedSize();
    }

    /** Runs pending evictions now; for tests and metrics that want an exact bound. */
    public void cleanUp() {
        cells.cleanUp();
    }
}
