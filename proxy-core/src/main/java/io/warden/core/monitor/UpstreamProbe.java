package io.warden.core.monitor;

import io.warden.rules.health.ComponentHealth;
import io.warden.rules.health.HealthStatus;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Whether the upstream is reachable, checked every few seconds on its own thread: responses that
 * came back since the last check prove it; without traffic a plain TCP connect probes it. So
 * health can say "upstream unreachable" before a client finds out, and a busy backend sees no
 * probes at all.
 */
public final class UpstreamProbe implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 2000;

    private final String host;
    private final int port;
    private final LongSupplier responses;
    private final ScheduledExecutorService probe;
    private long responsesSeen;
    private volatile ComponentHealth last;

    /** @param responses response heads received from the upstream so far */
    public UpstreamProbe(String host, int port, long everySeconds, LongSupplier responses) {
        this.host = host;
        this.port = port;
        this.responses = responses;
        this.last = ComponentHealth.ok("not checked yet");
        this.probe = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "warden-upstream-probe");
            t.setDaemon(true);
            return t;
        });
        probe.scheduleWithFixedDelay(this::check, everySeconds, everySeconds, TimeUnit.SECONDS);
    }

    private void check() {
        long seen = responses.getAsLong();
        if (seen > responsesSeen) {
            last = ComponentHealth.ok((seen - responsesSeen) + " responses from " + host + ":" + port
                    + " since the last check");
            responsesSeen = seen;
            return;
        }
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            long micros = (System.nanoTime() - start) / 1000;
            last = ComponentHealth.ok("reachable at " + host + ":" + port + " (connect " + micros / 1000.0 + " ms)");
        } catch (IOException | RuntimeException e) {
            last = new ComponentHealth(HealthStatus.DEGRADED, "unreachable at " + host + ":" + port + ": "
                    + e.getClass().getSimpleName());
        }
    }

    public ComponentHealth health() {
        return last;
    }

    @Override
    public void close() {
        probe.shutdownNow();
    }
}
