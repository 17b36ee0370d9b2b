package io.warden.core.monitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.admin.AdminRoutes;
import io.warden.admin.SecurityApi;
import io.warden.core.server.DataPlaneMetrics;
import io.warden.core.state.EventBus;
import io.warden.core.state.EventLog;
import io.warden.core.state.PostgresEventStore;
import io.warden.rules.config.MonitoringConfig;
import io.warden.rules.config.WardenConfig;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventStore;
import io.warden.rules.health.ComponentHealth;
import io.warden.rules.monitor.BlockControl;
import io.warden.rules.monitor.SecurityStats;
import io.warden.rules.monitor.ThreatTracker;
import io.warden.rules.monitor.TokenRevocation;
import io.warden.rules.time.Ticker;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Security monitoring, assembled from {@code monitoring:} and the parts Warden shares with it:
 * the event log and threat tracker on the event bus, alerts, the dashboard, metrics, the
 * upstream probe, and the admin API over them. Warden creates one and closes it after the bus.
 */
public final class Monitoring implements AutoCloseable {

    private static final Duration HISTORY_INTERVAL = Duration.ofSeconds(10);
    private static final int HISTORY_POINTS = 90;
    private static final long PROBE_SECONDS = 10;

    private final EventLog log;
    private final PostgresEventStore postgres;
    private final EventStore store;
    private final AlertSender alerts;
    private final UpstreamProbe probe;
    private final SecurityApi api;
    private final PrometheusMetrics prometheus;

    public Monitoring(WardenConfig config, EventBus bus, EventFactory factory, DataPlaneMetrics metrics,
                      BlockControl blocks, TokenRevocation revocations, InstantSource clock, Ticker ticker,
                      ObjectMapper json) {
        MonitoringConfig monitoring = config.monitoring();
        SecurityStats stats = new SecurityStats();
        ThreatTracker tracker = null;
        if (monitoring.enabled()) {
            Path dir = monitoring.eventLogDir() != null ? Path.of(monitoring.eventLogDir())
                    : Path.of(config.dataDir()).resolve("events");
            this.log = new EventLog(dir, monitoring.retentionDays(), monitoring.fsyncInterval(), clock, ticker, json,
                    bus, factory);
            bus.subscribe(log);
            if (monitoring.postgres().enabled()) {
                this.postgres = new PostgresEventStore(monitoring.postgres(), monitoring.retentionDays(), log, json,
                        clock, bus, factory);
                bus.subscribe(postgres);
                this.store = postgres;
            } else {
                this.postgres = null;
                this.store = log;
            }
            tracker = new ThreatTracker(monitoring.threat(), blocks, factory, ticker);
            this.alerts = monitoring.alerts().enabled()
                    ? new AlertSender(monitoring.alerts(), json, clock, ticker, Duration.ofSeconds(1)) : null;
            if (alerts != null) {
                bus.subscribe(alerts);
            }
        } else {
            this.log = null;
            this.postgres = null;
            this.store = EventStore.empty(monitoring.retentionDays());
            this.alerts = null;
        }
        bus.subscribe(new ThreatFeed(stats, tracker, bus));
        TrafficHistory history = new TrafficHistory(metrics, clock, HISTORY_INTERVAL, HISTORY_POINTS);
        bus.subscribe(history);
        this.probe = new UpstreamProbe(config.upstream().host(), config.upstream().port(), PROBE_SECONDS,
                metrics::upstreamResponses);
        Dashboard dashboard = new Dashboard(metrics, stats, blocks, tracker, history, bus, clock);
        this.prometheus = new PrometheusMetrics(metrics, bus, log, stats, blocks, tracker, alerts);
        if (postgres != null) {
            prometheus.postgres(postgres);
        }
        this.api = new SecurityApi(dashboard, store, blocks, revocations, prometheus, bus, factory, clock, json);
    }

    /** Adds the dashboard, search, threat response, report and metrics endpoints. */
    public AdminRoutes addRoutes(AdminRoutes routes) {
        return api.addTo(routes);
    }

    /** Health components beside the data plane's: upstream reachability, the event log, PostgreSQL. */
    public Map<String, Supplier<ComponentHealth>> healthComponents() {
        Map<String, Supplier<ComponentHealth>> components = new LinkedHashMap<>();
        components.put("upstreamReachable", probe::health);
        if (log != null) {
            components.put("eventLog", log::health);
        }
        if (postgres != null) {
            components.put("postgres", postgres::health);
        }
        return components;
    }

    public EventStore store() {
        return store;
    }

    /** The metrics {@code GET /metrics} exposes, for parts built outside monitoring (cluster mode). */
    public PrometheusMetrics metrics() {
        return prometheus;
    }

    /** Null without {@code monitoring.postgres.url}. */
    public PostgresEventStore postgres() {
        return postgres;
    }

    /** Null when monitoring is off. */
    public EventLog eventLog() {
        return log;
    }

    /** Stops the probe; the event log and alerts are closed by the bus, after its last delivery. */
    @Override
    public void close() {
        probe.close();
    }
}
