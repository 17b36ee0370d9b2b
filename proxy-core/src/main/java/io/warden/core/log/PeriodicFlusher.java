package io.warden.core.log;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs a buffered appender's flush on its own daemon thread every few hundred milliseconds. */
final class PeriodicFlusher implements AutoCloseable {

    private final ScheduledExecutorService executor;

    PeriodicFlusher(String threadName, long intervalMillis, Runnable flush) {
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(flush, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
