package io.warden.rules.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.warden.rules.time.Ticker;

import java.time.Duration;

/**
 * Counts events per key within a window that opens at the key's first event (violations, failed
 * logins). State is bounded in size and forgotten once the window has passed.
 */
public final class WindowCounter implements KeyCounter {

    private record Window(long start, int count) {
    }

    private final Cache<String, Window> windows;
    private final long windowNanos;
    private final Ticker ticker;

    public WindowCounter(long maximumKeys, Duration window, Ticker ticker) {
        this.windowNanos = window.toNanos();
        this.ticker = ticker;
        this.windows = Caffeine.newBuilder()
                .maximumSize(maximumKeys)
                .expireAfterWrite(window)
                .ticker(ticker::nanos)
                .executor(Runnable::run)
                .build();
    }

    @Override
    public int increment(String key) {
        long now = ticker.nanos();
        Window w = windows.asMap().merge(key, new Window(now, 1), (old, one) ->
                now - old.start() >= windowNanos ? one : new Window(old.start(), old.count() + 1));
        return w.count();
    }

    @Override
    public void reset(String key) {
        windows.invalidate(key);
    }
}
