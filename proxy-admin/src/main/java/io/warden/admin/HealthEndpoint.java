package io.warden.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.rules.health.HealthReport;
import io.warden.rules.health.HealthSource;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/security/health}: 200 when serving, 503 while starting, draining or down.
 * Without a token only the status, so a probe can use it and a stranger learns nothing more.
 */
public final class HealthEndpoint implements AdminEndpoint {

    private final HealthSource health;
    private final ObjectMapper json;

    public HealthEndpoint(HealthSource health, ObjectMapper json) {
        this.health = health;
        this.json = json;
    }

    @Override
    public AdminResponse handle(AdminRequest request) {
        HealthReport report = health.report();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.status());
        if (request.authenticated()) {
            body.put("phase", report.phase());
            body.put("components", report.components());
        }
        try {
            return AdminResponse.json(report.ready() ? 200 : 503, json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("health report is not serialisable", e);
        }
    }
}
