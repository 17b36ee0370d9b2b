package io.warden.rules.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One thing that matters for security, as it is stored, searched and shown. The JSON names are
 * the snake_case ones of the admin API and the event log.
 *
 * @param sourceIp the client address as Warden resolved it, or null for events with no client
 * @param requestId the request that caused it, or null
 * @param route the name of the matched route, or null
 * @param details small, already-escaped facts (rule ids, counts, reasons); never secrets or bodies
 */
public record SecurityEvent(
        @JsonProperty("event_id") String eventId,
        @JsonProperty("event_type") EventType type,
        @JsonProperty("threat_level") ThreatLevel level,
        @JsonProperty("timestamp") Instant timestamp,
        @JsonProperty("source_ip") String sourceIp,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("route") String route,
        @JsonProperty("details") Map<String, Object> details) {

    public SecurityEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(timestamp, "timestamp");
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public SecurityEvent withLevel(ThreatLevel newLevel) {
        return new SecurityEvent(eventId, type, newLevel, timestamp, sourceIp, requestId, route, details);
    }
}
