package io.warden.rules.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

import static io.warden.rules.events.EventCategory.AUTHENTICATION;
import static io.warden.rules.events.EventCategory.INTEGRITY;
import static io.warden.rules.events.EventCategory.NETWORK;
import static io.warden.rules.events.EventCategory.RATE_LIMIT;
import static io.warden.rules.events.EventCategory.VALIDATION;

/** Every kind of security event Warden records, with the family it belongs to. */
public enum EventType {
    AUTHENTICATION_FAILURE(AUTHENTICATION),
    AUTHORIZATION_FAILURE(AUTHENTICATION),
    LOGIN_FAILURE(AUTHENTICATION),
    LOGIN_LOCKOUT(AUTHENTICATION),
    TOKEN_REVOKED(AUTHENTICATION),
    TOKEN_REUSE(AUTHENTICATION),

    RATE_LIMIT_VIOLATION(RATE_LIMIT),
    IP_BLOCKED(RATE_LIMIT),
    IP_UNBLOCKED(RATE_LIMIT),
    BOT_DETECTED(RATE_LIMIT),

    INJECTION_ATTEMPT(VALIDATION),
    INPUT_VALIDATION_FAILURE(VALIDATION),
    PROTOCOL_VIOLATION(VALIDATION),
    SUSPICIOUS_HEADER(VALIDATION),
    REQUEST_TOO_LARGE(VALIDATION),
    ROUTE_DENIED(VALIDATION),
    WEBSOCKET_VIOLATION(VALIDATION),
    CSP_VIOLATION(VALIDATION),

    WEBSOCKET_CONNECTION(NETWORK),
    UPSTREAM_FAILURE(NETWORK),
    CONNECTION_REFUSED(NETWORK),
    CONNECTION_FLOOD(NETWORK),

    CONFIG_RELOADED(INTEGRITY),
    CONFIG_REJECTED(INTEGRITY),
    DEPENDENCY_DOWN(INTEGRITY),
    DEPENDENCY_RESTORED(INTEGRITY),
    ADMIN_ACTION(INTEGRITY),
    THREAT_ESCALATED(INTEGRITY),
    LIFECYCLE(INTEGRITY);

    private final EventCategory category;

    EventType(EventCategory category) {
        this.category = category;
    }

    public EventCategory category() {
        return category;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static EventType parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
