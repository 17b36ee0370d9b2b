package io.warden.admin;

import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventSink;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.events.ThreatLevel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records every admin action as an {@code admin_action} event: who (the token's fingerprint),
 * what, on which target, why, from where (the event's source address), when, and how it ended.
 * Its details are text the event search finds.
 */
final class AdminAudit {

    private final EventSink events;
    private final EventFactory factory;

    AdminAudit(EventSink events, EventFactory factory) {
        this.events = events;
        this.factory = factory;
    }

    SecurityEvent record(AdminRequest request, String action, String target, String reason, String outcome) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("actor", request.actor() == null ? "admin" : request.actor());
        details.put("action", action);
        if (target != null) {
            details.put("target", target);
        }
        if (reason != null) {
            details.put("reason", reason);
        }
        details.put("outcome", outcome);
        details.put("path", request.path());
        SecurityEvent event = factory.create(EventType.ADMIN_ACTION, ThreatLevel.LOW, request.remoteAddress(),
                request.requestId(), "admin", details);
        events.emit(event);
        return event;
    }
}
