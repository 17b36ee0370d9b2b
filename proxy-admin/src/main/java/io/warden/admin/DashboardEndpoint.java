package io.warden.admin;

import io.warden.rules.monitor.DashboardSource;

/** {@code GET /api/security/dashboard}: the live figures. */
final class DashboardEndpoint implements AdminEndpoint {

    private final DashboardSource source;
    private final Json json;

    DashboardEndpoint(DashboardSource source, Json json) {
        this.source = source;
        this.json = json;
    }

    @Override
    public AdminResponse handle(AdminRequest request) {
        return json.ok(source.dashboard());
    }
}
