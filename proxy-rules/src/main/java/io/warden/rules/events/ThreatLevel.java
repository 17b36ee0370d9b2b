package io.warden.rules.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How serious a security event is; ordered, so "at least medium" is a comparison. */
public enum ThreatLevel {
    LOW, MEDIUM, HIGH, CRITICAL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ThreatLevel parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    public boolean atLeast(ThreatLevel other) {
        return compareTo(other) >= 0;
    }

    public ThreatLevel raised() {
        return this == CRITICAL ? CRITICAL : values()[ordinal() + 1];
    }
}
