package io.warden.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventSink;
import io.warden.rules.events.EventStore;
import io.warden.rules.monitor.BlockControl;
import io.warden.rules.monitor.DashboardSource;
import io.warden.rules.monitor.MetricsExposition;
import io.warden.rules.monitor.TokenRevocation;

import java.time.InstantSource;

/**
 * The security monitoring part of the admin API, over the interfaces core implements: the
 * dashboard page and its data, event search, threat response, the compliance report and
 * Prometheus metrics. Everything but the page shell needs the admin token.
 */
public final class SecurityApi {

    private final DashboardSource dashboard;
    private final EventStore store;
    private final BlockControl blocks;
    private final TokenRevocation revocations;
    private final MetricsExposition metrics;
    private final EventSink events;
    private final EventFactory factory;
    private final InstantSource clock;
    private final ObjectMapper json;

    public SecurityApi(DashboardSource dashboard, EventStore store, BlockControl blocks, TokenRevocation revocations,
                       MetricsExposition metrics, EventSink events, EventFactory factory, InstantSource clock,
                       ObjectMapper json) {
        this.dashboard = dashboard;
        this.store = store;
        this.blocks = blocks;
        this.revocations = revocations;
        this.metrics = metrics;
        this.events = events;
        this.factory = factory;
        this.clock = clock;
        this.json = json;
    }

    public AdminRoutes addTo(AdminRoutes routes) {
        Json out = new Json(json);
        return routes
                .publicGet("/", new DashboardPage())
                .get("/api/security/dashboard", new DashboardEndpoint(dashboard, out))
                .get("/api/security/events/search", new EventSearchEndpoint(store, out))
                .post("/api/security/threat-response",
                        new ThreatResponseEndpoint(blocks, revocations, store, events, factory, out))
                .get("/api/security/compliance/report", new ComplianceReportEndpoint(store, clock, out))
                .get("/metrics", new MetricsEndpoint(metrics));
    }
}
