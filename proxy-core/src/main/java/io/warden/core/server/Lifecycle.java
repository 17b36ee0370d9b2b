package io.warden.core.server;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the process is in its life, and how many exchanges are in flight: health answers from
 * it, and a graceful stop waits on it.
 */
public final class Lifecycle {

    /** starting → serving → draining → stopped; never backwards. */
    public enum Phase { STARTING, SERVING, DRAINING, STOPPED }

    private volatile Phase phase = Phase.STARTING;
    private final AtomicInteger inFlight = new AtomicInteger();

    public Phase phase() {
        return phase;
    }

    public boolean draining() {
        Phase p = phase;
        return p == Phase.DRAINING || p == Phase.STOPPED;
    }

    public synchronized void moveTo(Phase next) {
        if (next.ordinal() > phase.ordinal()) {
            phase = next;
        }
    }

    public void exchangeStarted() {
        inFlight.incrementAndGet();
    }

    public void exchangeEnded() {
        inFlight.decrementAndGet();
    }

    public int inFlight() {
        return inFlight.get();
    }
}
