package io.warden.rules.events;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The brief's five families of security events. */
public enum EventCategory {
    AUTHENTICATION, RATE_LIMIT, VALIDATION, NETWORK, INTEGRITY;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
