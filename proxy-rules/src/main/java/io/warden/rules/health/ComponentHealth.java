package io.warden.rules.health;

/** One part of Warden (data plane, upstream, event log, Redis) and how it is doing. */
public record ComponentHealth(HealthStatus status, String detail) {

    public static ComponentHealth ok(String detail) {
        return new ComponentHealth(HealthStatus.OK, detail);
    }
}
