package io.warden.core.monitor;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.warden.core.server.DataPlaneMetrics;
import io.warden.core.state.EventBus;
import io.warden.rules.events.EventCategory;
import io.warden.rules.events.EventType;
import io.warden.rules.monitor.BlockControl;
import io.warden.rules.monitor.DashboardSource;
import io.warden.rules.monitor.SecurityStats;
import io.warden.rules.monitor.ThreatTracker;
import io.warden.rules.ratelimit.block.BlockRecord;

import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Assembles {@code GET /api/security/dashboard} from the live counters; nothing here is stored. */
public final class Dashboard implements DashboardSource {

    private static final int LISTED = 20;

    private final DataPlaneMetrics metrics;
    private final SecurityStats stats;
    private final BlockControl blocks;
    private final ThreatTracker tracker;
    private final TrafficHistory history;
    private final EventBus events;
    private final InstantSource clock;

    /** @param tracker null when threat tracking is off */
    public Dashboard(DataPlaneMetrics metrics, SecurityStats stats, BlockControl blocks, ThreatTracker tracker,
                     TrafficHistory history, EventBus events, InstantSource clock) {
        this.metrics = metrics;
        this.stats = stats;
        this.blocks = blocks;
        this.tracker = tracker;
        this.history = history;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Map<String, Object> dashboard() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("generated_at", clock.instant().toString());

        Map<String, Object> requests = new LinkedHashMap<>();
        requests.put("total", metrics.requests());
        requests.put("rejected", metrics.rejectedRequests());
        requests.put("rejections_by_reason", byReason());
        requests.put("upstream_failures", metrics.upstreamFailures());
        requests.put("protocol_errors", metrics.protocolErrors());
        requests.put("open_connections", metrics.openConnections());
        d.put("requests", requests);

        List<BlockRecord> active = blocks.active();
        Map<String, Object> blocked = new LinkedHashMap<>();
        blocked.put("count", active.size());
        blocked.put("active", active.size() > 100 ? active.subList(0, 100) : active);
        d.put("blocked_addresses", blocked);

        d.put("rate_limit_violations", stats.count(EventType.RATE_LIMIT_VIOLATION));
        d.put("auth_failures", stats.count(EventCategory.AUTHENTICATION) - stats.count(EventType.TOKEN_REVOKED));
        d.put("injection_attempts", Map.of("total", stats.count(EventType.INJECTION_ATTEMPT),
                "by_class", stats.injectionsByClass()));
        d.put("bot_traffic", Map.of("detected", stats.count(EventType.BOT_DETECTED), "by_class", stats.botsByClass()));
        d.put("websocket", Map.of("upgrades", metrics.websocketUpgrades(),
                "connections_reported", stats.count(EventType.WEBSOCKET_CONNECTION),
                "violations", stats.count(EventType.WEBSOCKET_VIOLATION)));
        d.put("top_offenders", tracker == null ? List.of() : tracker.top(LISTED));
        d.put("recent_high_severity", stats.recentHigh(LISTED));
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("pipeline", Percentiles.of(metrics.pipelineLatency()));
        latency.put("upstream", Percentiles.of(metrics.upstreamLatency()));
        d.put("latency", latency);
        d.put("events", Map.of("by_type", stats.byType(), "emitted", events.emitted(), "dropped", events.dropped(),
                "queued", events.backlog()));
        d.put("history", history.snapshot());
        return d;
    }

    private Map<String, Long> byReason() {
        Map<String, Long> out = new LinkedHashMap<>();
        CounterSnapshot snapshot = metrics.answeredByWarden().collect();
        for (CounterSnapshot.CounterDataPointSnapshot point : snapshot.getDataPoints()) {
            out.merge(point.getLabels().get("reason"), (long) point.getValue(), Long::sum);
        }
        return out;
    }
}
