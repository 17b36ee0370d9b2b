package io.warden.rules.health;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** ok, degraded (serving with a broken part), down (not serving). */
public enum HealthStatus {
    OK, DEGRADED, DOWN;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The worse of two statuses. */
    public HealthStatus and(HealthStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
