package io.warden.rules.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * GCRA state in process memory: one {@link AtomicLong} per key, updated lock-free by compare and
 * set, inside a Caffeine cache bounded in size, so a flood of distinct keys evicts rather than
 * grows the heap. Its frequency-aware eviction keeps the keys that keep coming back (a client
 * hammering away) and drops the one-off and idle ones first.
 *
 * <p>No time-based expiry: a key idle past its tolerance has a TAT in the past, which GCRA already
 * treats exactly like no state, and per-read expiry bookkeeping cost half the throughput (see
 * {@code RateLimitBenchmark}). Cache maintenance runs on the calling thread: the rules module
 * starts no threads. An evicted key starts afresh, which errs on the lenient side.
 */
public final class CaffeineLimiterStore implements LimiterStore {

    private final Cache<String, AtomicLong> cells;

    /** @param maximumKeys the most keys held */
    public CaffeineLimiterStore(long maximumKeys) {
        if (maximumKeys <= 0) {
            throw new IllegalArgumentException("maximumKeys must be positive, got " + maximumKeys);
        }
        this.cells = Caffeine.newBuilder()
                .maximumSize(maximumKeys)
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
    public long estimatedSize() {
        return cells.estimatedSize();
    }

    @Override
    public void cleanUp() {
        cells.cleanUp();
    }
}
