package io.warden.rules.websocket;

import io.warden.rules.auth.jwt.LogSafe;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.RequestCheck;
import io.warden.rules.pipeline.RequestContext;

import java.util.Map;
import java.util.Objects;

/**
 * Lets only valid RFC 6455 handshakes through, before any token is verified: 400 for a malformed
 * one (not a GET, no {@code Connection: upgrade}, a key that is not 16 base64 bytes), 426 with
 * {@code Sec-WebSocket-Version: 13} for another version, 403 for an {@code Origin} the route does
 * not allow (cross-site WebSocket hijacking: a page elsewhere riding the user's cookies).
 *
 * <p>A handshake without {@code Origin} passes the origin list: browsers always send one, so its
 * absence means a non-browser client, which could send any origin it liked anyway.
 *
 * <p>{@code Sec-WebSocket-Extensions} is removed from the forwarded handshake, so no extension
 * (permessage-deflate above all) is negotiated: the frame guard must read every payload, and
 * inflating attacker-chosen data inside the proxy is a decompression bomb waiting to happen.
 */
public final class HandshakeCheck implements RequestCheck {

    private final EventFactory events;

    public HandshakeCheck(EventFactory events) {
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public Decision check(RequestContext request) {
        if (!Handshakes.isAttempt(request)) {
            return Decision.proceed();
        }
        String malformation = Handshakes.malformation(request);
        if (malformation != null) {
            return Decision.reject(400, "invalid WebSocket handshake", violation(request, ThreatLevel.LOW,
                    Map.of("reason", "invalid handshake", "detail", malformation)));
        }
        if (!Handshakes.supportedVersion(request)) {
            String offered = request.headers().get(Handshakes.VERSION);
            return Decision.reject(426, "unsupported WebSocket version", violation(request, ThreatLevel.LOW,
                            Map.of("reason", "unsupported version", "offered", LogSafe.text(offered, 16))))
                    .withHeader(Handshakes.VERSION, Handshakes.SUPPORTED_VERSION);
        }
        String origin = request.headers().get(Handshakes.ORIGIN);
        if (origin != null && !request.route().websocket().allowsOrigin(Origins.canonicalOrNull(origin))) {
            return Decision.reject(403, "origin not allowed", violation(request, ThreatLevel.MEDIUM,
                    Map.of("reason", "origin not allowed", "origin", LogSafe.text(origin, 100))));
        }
        request.removeUpstreamHeader(Handshakes.EXTENSIONS);
        return Decision.proceed();
    }

    private SecurityEvent violation(RequestContext request, ThreatLevel level, Map<String, Object> details) {
        return request.event(events, EventType.WEBSOCKET_VIOLATION, level, details);
    }
}
