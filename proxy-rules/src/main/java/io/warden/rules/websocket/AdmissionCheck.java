package io.warden.rules.websocket;

import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.RequestCheck;
import io.warden.rules.pipeline.RequestContext;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Caps concurrent WebSocket connections per client address ({@code websocket.maxConnectionsPerIp}):
 * the handshake past the cap gets 429 before it reaches the upstream. An admitted handshake holds
 * its slot until the exchange ends, which for an upgraded connection is when it closes. Runs after
 * {@link HandshakeCheck}, so only valid handshakes take a slot; allow-listed addresses are counted, not capped.
 */
public final class AdmissionCheck implements RequestCheck {

    /** Connections end all the time: a refused client may retry soon. */
    static final String RETRY_AFTER_SECONDS = "5";

    private final WebSocketLimits limits;
    private final int maxPerAddress;
    private final EventFactory events;

    public AdmissionCheck(WebSocketLimits limits, int maxPerAddress, EventFactory events) {
        if (maxPerAddress <= 0) {
            throw new IllegalArgumentException("maxPerAddress must be positive, got " + maxPerAddress);
        }
        this.limits = Objects.requireNonNull(limits, "limits");
        this.maxPerAddress = maxPerAddress;
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public Decision check(RequestContext request) {
        if (!Handshakes.isAttempt(request)) {
            return Decision.proceed();
        }
        String key = limits.addressKey(request.client());
        // an allow-listed address is counted, for the figures, but never refused
        AutoCloseable slot = limits.connections().tryOpen(key,
                limits.exempt(request.client()) ? Integer.MAX_VALUE : maxPerAddress);
        if (slot != null) {
            request.releaseOnEnd(slot);
            return Decision.proceed();
        }
        return new Decision.Reject(429, "too many WebSocket connections", Map.of("Retry-After", RETRY_AFTER_SECONDS),
                List.of(request.event(events, EventType.RATE_LIMIT_VIOLATION, ThreatLevel.LOW, Map.of(
                        "key", key, "tier", "websocket.connections", "limit", maxPerAddress,
                        "open", limits.connections().openConnections(key)))), false);
    }
}
