package io.warden.admin;

import io.warden.rules.monitor.MetricsExposition;

import java.util.Map;

/** {@code GET /metrics}: Prometheus text; needs the admin token like the rest of the API. */
final class MetricsEndpoint implements AdminEndpoint {

    private final MetricsExposition metrics;

    MetricsEndpoint(MetricsExposition metrics) {
        this.metrics = metrics;
    }

    @Override
    public AdminResponse handle(AdminRequest request) {
        return new AdminResponse(200, metrics.contentType(), metrics.scrape(), Map.of());
    }
}
