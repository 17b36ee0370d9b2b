package io.warden.rules.ratelimit;

import io.warden.rules.time.Ticker;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** Monotonic and wall time that move together, only when a test says so. */
public final class ManualClock implements Ticker, InstantSource {

    /** A negative origin, like {@code System.nanoTime()} may have, to keep the arithmetic honest. */
    private long nanos = -5_000_000_000_000L;
    private Instant wall = Instant.parse("2026-03-01T10:00:00Z");

    @Override
    public long nanos() {
        return nanos;
    }

    @Override
    public Instant instant() {
        return wall;
    }

    public ManualClock advance(Duration d) {
        nanos += d.toNanos();
        wall = wall.plus(d);
        return this;
    }

    public ManualClock advanceMillis(long millis) {
        return advance(Duration.ofMillis(millis));
    }
}
