package io.warden.core.server;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.snapshots.Unit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * How late the event loops run their work. Each loop gets a probe that asks to run again after a
 * fixed interval and measures by how much it was late: a loop busy with a slow handler, a blocking
 * call or more connections than it can serve shows it here long before clients time out.
 */
public final class EventLoopLag {

    /** Probing interval in production: often enough to see a stall, cheap enough to ignore. */
    public static final long DEFAULT_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final LongSupplier nanoTime;
    private final List<Probe> probes = new CopyOnWriteArrayList<>();
    private final Histogram samples = Histogram.builder()
            .name("warden_event_loop_lag_seconds")
            .help("How late an event loop ran a task scheduled for a fixed time (sampled per loop)")
            .unit(Unit.SECONDS)
            .classicOnly()
            .classicUpperBounds(0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
            .build();

    public EventLoopLag() {
        this(System::nanoTime);
    }

    EventLoopLag(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Starts a probe on every loop of {@code group}; the probes stop when the group shuts down. */
    public void watch(EventExecutorGroup group, long intervalNanos) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("intervalNanos must be positive, got " + intervalNanos);
        }
        for (EventExecutor loop : group) {
            Probe probe = new Probe(loop, intervalNanos);
            probes.add(probe);
            probe.schedule();
        }
    }

    /**
     * The worst lag now across the loops: the last measured one, or, for a probe that is overdue
     * (its loop is stuck right now), how overdue it is.
     */
    public long currentNanos() {
        long now = nanoTime.getAsLong();
        long worst = 0;
        for (Probe probe : probes) {
            worst = Math.max(worst, Math.max(probe.lastLag, now - probe.expectedAt));
        }
        return worst;
    }

    /** Every measured lag, for {@code /metrics}. */
    public Histogram samples() {
        return samples;
    }

    private final class Probe implements Runnable {

        private final EventExecutor loop;
        private final long interval;
        private volatile long expectedAt;
        private volatile long lastLag;

        Probe(EventExecutor loop, long interval) {
            this.loop = loop;
            this.interval = interval;
        }

        void schedule() {
            expectedAt = nanoTime.getAsLong() + interval;
            try {
                loop.schedule(this, interval, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                probes.remove(this);
            }
        }

        @Override
        public void run() {
            long lag = Math.max(0, nanoTime.getAsLong() - expectedAt);
            lastLag = lag;
            samples.observe(lag / 1e9);
            if (loop.isShuttingDown()) {
                probes.remove(this);
                return;
            }
            schedule();
        }
    }
}
