package io.warden.rules.ratelimit;

import io.warden.rules.time.Ticker;

import java.util.Objects;

/** Reads the time and asks the store: the one place a limiter decision is made. */
public final class RateLimiter {

    private final LimiterStore store;
    private final Ticker ticker;

    public RateLimiter(LimiterStore store, Ticker ticker) {
        this.store = Objects.requireNonNull(store, "store");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /** One request against {@code key}'s quota. */
    public RateLimitProbe tryAcquire(String key, GcraRule rule) {
        return store.acquire(key, rule, 1, ticker.nanos());
    }

    /** {@code cost} units against {@code key}'s quota; cost 0 asks "is anything left?" without spending. */
    public RateLimitProbe tryAcquire(String key, GcraRule rule, long cost) {
        return store.acquire(key, rule, cost, ticker.nanos());
    }

    /** Charges units already spent, whether they fit or not. */
    public RateLimitProbe charge(String key, GcraRule rule, long cost) {
        return store.charge(key, rule, cost, ticker.nanos());
    }
}
