package io.warden.core.server;

import io.warden.core.state.EventBus;
import io.warden.core.upstream.UpstreamPool;
import io.warden.rules.health.ComponentHealth;
import io.warden.rules.health.HealthReport;
import io.warden.rules.health.HealthSource;
import io.warden.rules.health.HealthStatus;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** Health from the lifecycle and the parts the data plane depends on. */
final class DataPlaneHealth implements HealthSource {

    /** Event loops this late serve every connection on them a second late: that is degraded. */
    static final long LAGGING_MILLIS = 1000;

    private final Lifecycle lifecycle;
    private final DataPlaneMetrics metrics;
    private final UpstreamPool pool;
    private final EventBus events;
    private final Map<String, Supplier<ComponentHealth>> more;

    /** @param more further components by name (event log, upstream reachability, Redis) */
    DataPlaneHealth(Lifecycle lifecycle, DataPlaneMetrics metrics, UpstreamPool pool, EventBus events,
                    Map<String, Supplier<ComponentHealth>> more) {
        this.lifecycle = lifecycle;
        this.metrics = metrics;
        this.pool = pool;
        this.events = events;
        this.more = new LinkedHashMap<>(more);
    }

    @Override
    public HealthReport report() {
        Lifecycle.Phase phase = lifecycle.phase();
        boolean ready = phase == Lifecycle.Phase.SERVING;
        Map<String, ComponentHealth> components = new LinkedHashMap<>();
        components.put("dataPlane", new ComponentHealth(ready ? HealthStatus.OK : HealthStatus.DOWN,
                metrics.openConnections() + " connections, " + lifecycle.inFlight() + " requests in flight"));
        components.put("upstream", ComponentHealth.ok(pool.openConnections() + " pooled connections, "
                + metrics.upstreamFailures() + " failures since start"));
        long lagMillis = metrics.eventLoopLag().currentNanos() / 1_000_000;
        components.put("eventLoops", new ComponentHealth(
                lagMillis >= LAGGING_MILLIS ? HealthStatus.DEGRADED : HealthStatus.OK, lagMillis + " ms lag"));
        boolean backedUp = events.backlog() > events.capacity() * 9L / 10;
        components.put("events", new ComponentHealth(backedUp ? HealthStatus.DEGRADED : HealthStatus.OK,
                events.emitted() + " emitted, " + events.dropped() + " dropped, " + events.backlog() + " queued"));
        more.forEach((name, component) -> components.put(name, component.get()));
        HealthStatus status = ready ? HealthStatus.OK : HealthStatus.DOWN;
        for (ComponentHealth component : components.values()) {
            status = status.and(component.status());
        }
        return new HealthReport(status, ready, phase.name().toLowerCase(Locale.ROOT), components);
    }
}
