package io.warden.rules.ratelimit.bot;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.warden.rules.time.Ticker;

import java.time.Duration;

/**
 * Notices addresses whose requests arrive machine-regularly: the spread of the gaps between
 * requests is tiny next to their mean. Four numbers per address (an exponentially weighted mean
 * and variance of the gaps), in a size-bounded cache, so memory does not grow with traffic; it
 * runs on every request, so it has no per-read expiry bookkeeping: a stale entry is reset by the
 * first gap longer than {@link #MAX_GAP_NANOS} instead.
 */
public final class CadenceTracker {

    /** Gaps longer than this start the statistics afresh: a pause is not a cadence. */
    static final long MAX_GAP_NANOS = Duration.ofMinutes(5).toNanos();
    /** Parallel fetches of one page arrive together; only gaps above this can be a cadence. */
    static final long MIN_MEAN_NANOS = Duration.ofMillis(100).toNanos();
    /** Standard deviation below this fraction of the mean counts as regular (timers, sleep loops). */
    static final double MAX_VARIATION = 0.1;

    private static final class Cadence {
        private long last = Long.MIN_VALUE;
        private int count;
        private double mean;
        private double variance;

        synchronized boolean observe(long now, int samples, double alpha) {
            if (last == Long.MIN_VALUE) {
                last = now;
                return false;
            }
            long gap = now - last;
            last = now;
            if (gap > MAX_GAP_NANOS || gap < 0) {
                count = 0;
                return false;
            }
            if (count == 0) {
                mean = gap;
                variance = 0;
            } else {
                double diff = gap - mean;
                double step = alpha * diff;
                mean += step;
                variance = (1 - alpha) * (variance + diff * step);
            }
            count++;
            return count >= samples && mean >= MIN_MEAN_NANOS && Math.sqrt(variance) < MAX_VARIATION * mean;
        }
    }

    private final Cache<String, Cadence> cadences;
    private final Ticker ticker;
    private final int samples;
    private final double alpha;

    /** @param samples gaps needed before a cadence counts (and the memory of the weighted statistics) */
    public CadenceTracker(int samples, long maximumKeys, Ticker ticker) {
        if (samples < 2) {
            throw new IllegalArgumentException("samples must be at least 2, got " + samples);
        }
        this.samples = samples;
        this.alpha = 2.0 / (samples + 1);
        this.ticker = ticker;
        this.cadences = Caffeine.newBuilder()
                .maximumSize(maximumKeys)
                .executor(Runnable::run)
                .build();
    }

    /** Records a request from {@code key} now; answers whether its cadence is machine-regular. */
    public boolean observe(String key) {
        return cadences.get(key, k -> new Cadence()).observe(ticker.nanos(), samples, alpha);
    }

    public long estimatedSize() {
        return cadences.estimatedSize();
    }
}
