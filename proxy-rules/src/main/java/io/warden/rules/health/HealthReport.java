package io.warden.rules.health;

import java.util.Map;

/**
 * What the health endpoint says.
 *
 * @param status the overall status (the worst component, or down when not ready)
 * @param ready whether Warden serves now: false while starting, draining or stopped
 * @param phase starting, serving, draining or stopped
 */
public record HealthReport(HealthStatus status, boolean ready, String phase, Map<String, ComponentHealth> components) {

    public HealthReport {
        components = Map.copyOf(components);
    }
}
