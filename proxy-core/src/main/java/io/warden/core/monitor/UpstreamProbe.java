package io.warden.core.monitor;

import io.warden.rules.health.ComponentHealth;
import io.warden.rules.health.HealthStatus;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Whether the upstream accepts connections, probed every few seconds with a plain TCP connect
 * on its own thread, so health can say "upstream unreachable" before a client finds out.
 */
public final class UpstreamProbe implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 2000;

    private final String host;
    private final int port;
    private final ScheduledExecutorService probe;
    private volatile ComponentHealth last;

    public UpstreamProbe(String host, int port, long everySeconds) {
        this.host = host;
        this.port = port;
        this.last = ComponentHealth.ok("not probed yet");
        this.probe = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "warden-upstream-probe");
            t.setDaemon(true);
            return t;
        });
        probe.scheduleWithFixedDelay(this::probe, 0, everySeconds, TimeUnit.SECONDS);
    }

    private void probe() {
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
