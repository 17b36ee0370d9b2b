package io.warden.rules.monitor;

import java.util.Map;

/** The live figures of {@code GET /api/security/dashboard}, as a JSON-ready tree. */
@FunctionalInterface
public interface DashboardSource {

    Map<String, Object> dashboard();
}
