package io.warden.core.monitor;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.warden.core.cluster.RedisLink;
import io.warden.core.server.DataPlaneMetrics;
import io.warden.core.state.EventBus;
import io.warden.core.state.EventLog;
import io.warden.core.state.PostgresEventStore;
import io.warden.rules.monitor.BlockControl;
import io.warden.rules.monitor.MetricsExposition;
import io.warden.rules.monitor.SecurityStats;
import io.warden.rules.monitor.ThreatTracker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.DoubleSupplier;

/**
 * {@code GET /metrics}: the data plane's counters and latency histograms, security events by
 * type, the event bus, event log, alerts, blocks and threat tracker, in Prometheus text. Counters
 * the hot path already keeps are read through callbacks at scrape time, never counted twice.
 */
public final class PrometheusMetrics implements MetricsExposition {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    /**
     * @param log null when monitoring is off
     * @param tracker null when threat tracking is off
     * @param alerts null when alerts are off
     */
    public PrometheusMetrics(DataPlaneMetrics metrics, EventBus bus, EventLog log, SecurityStats stats,
                             BlockControl blocks, ThreatTracker tracker, AlertSender alerts) {
        counter("warden_requests", "Requests received", metrics::requests);
        counter("warden_rejected", "Requests rejected by the security checks", metrics::rejectedRequests);
        counter("warden_upstream_failures", "Upstream failures (connect, timeout, early close)",
                metrics::upstreamFailures);
        counter("warden_protocol_errors", "Malformed or ambiguous requests refused", metrics::protocolErrors);
        counter("warden_websocket_upgrades", "WebSocket sessions that ended", metrics::websocketUpgrades);
        gauge("warden_open_connections", "Client connections open", metrics::openConnections);
        registry.register(CounterWithCallback.builder().name("warden_connections_refused")
                .help("Client connections closed at accept, by the cap they hit").labelNames("limit")
                .callback(cb -> {
                    cb.call(metrics.connectionsRefusedOverall(), "server");
                    cb.call(metrics.connectionsRefusedPerAddress(), "address");
                }).build());
        registry.register(metrics.answeredByWarden());
        registry.register(metrics.pipelineLatency());
        registry.register(metrics.upstreamLatency());
        registry.register(metrics.eventLoopLag().samples());
        gauge("warden_event_loop_lag_current_seconds", "The worst event-loop lag now, across the loops",
                () -> metrics.eventLoopLag().currentNanos() / 1e9);

        registry.register(CounterWithCallback.builder().name("warden_security_events")
                .help("Security events delivered, by type").labelNames("type")
                .callback(cb -> stats.byType().forEach((type, n) -> cb.call(n, type))).build());
        counter("warden_events_emitted", "Security events queued for delivery", bus::emitted);
        counter("warden_events_dropped", "Security events dropped because the event queue was full", bus::dropped);
        gauge("warden_events_queued", "Security events waiting for delivery", bus::backlog);
        gauge("warden_blocked_addresses", "Addresses blocked now", () -> blocks.active().size());
        if (log != null) {
            counter("warden_event_log_written", "Events written to the event log", log::written);
            counter("warden_event_log_lost", "Events the event log could not write and gave up", log::lost);
            counter("warden_event_log_write_failures", "Failed event log writes", log::writeFailures);
            gauge("warden_event_log_writable", "1 while the event log can be written, 0 while it fails",
                    () -> log.writable() ? 1 : 0);
        }
        if (tracker != null) {
            gauge("warden_threat_tracked_addresses", "Addresses with a threat score", tracker::tracked);
        }
        if (alerts != null) {
            counter("warden_alerts_sent", "Events delivered to the alert webhook", alerts::sent);
            counter("warden_alerts_dropped", "Events not alerted (queue full, rate limit, failed posts)",
                    alerts::dropped);
            counter("warden_alert_posts_failed", "Alert posts that failed every try", alerts::failedPosts);
        }
    }

    /** Cluster mode: whether the shared state is reachable, how many instances share it, round trips. */
    public void cluster(RedisLink link) {
        gauge("warden_redis_up", "1 while Redis is reachable (shared state), 0 while serving on local state",
                () -> link.up() ? 1 : 0);
        gauge("warden_redis_live_instances", "Instances sharing the state, as last seen", link::liveInstances);
        counter("warden_redis_round_trips", "Commands sent to Redis (none on the request path)", link::roundTrips);
    }

    /** The PostgreSQL audit trail: written, waiting, lost, reachable. */
    public void postgres(PostgresEventStore postgres) {
        gauge("warden_postgres_up", "1 while the PostgreSQL audit trail is written, 0 while it is unreachable",
                () -> postgres.up() ? 1 : 0);
        counter("warden_postgres_events_written", "Security events written to PostgreSQL", postgres::written);
        counter("warden_postgres_events_lost", "Events dropped from the full PostgreSQL queue (still in the local log)",
                postgres::lost);
        gauge("warden_postgres_events_queued", "Events waiting to be written to PostgreSQL", postgres::queued);
    }

    private void counter(String name, String help, DoubleSupplier value) {
        registry.register(CounterWithCallback.builder().name(name).help(help)
                .callback(cb -> cb.call(value.getAsDouble())).build());
    }

    private void gauge(String name, String help, DoubleSupplier value) {
        registry.register(GaugeWithCallback.builder().name(name).help(help)
                .callback(cb -> cb.call(value.getAsDouble())).build());
    }

    @Override
    public String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    @Override
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            writer.write(out, registry.scrape(), EscapingScheme.DEFAULT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
