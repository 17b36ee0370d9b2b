package io.warden.rules.websocket;

import io.warden.rules.config.MalformedAction;
import io.warden.rules.config.RouteWebSocketConfig;
import io.warden.rules.config.WebSocketConfig;
import io.warden.rules.ratelimit.GcraRule;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The WebSocket settings of one route, the {@code websocket:} section with the route's own entry
 * laid over it, resolved when the configuration loads.
 *
 * @param json whether text messages must be JSON (and binary ones are refused)
 * @param messageRule the per-connection message rate
 * @param userRule the per-user message rate across connections, or null when off
 * @param maxFrameBytes the largest client frame payload (never above {@code maxMessageBytes})
 * @param allowedOrigins canonical origins a handshake may carry; empty allows any
 * @param maxAgeNanos connections older than this are closed; 0 keeps them open
 */
public record WebSocketPolicy(boolean json, MalformedAction onMalformedJson, GcraRule messageRule,
                              GcraRule userRule, int violationsBeforeClose, int maxFrameBytes, int maxMessageBytes,
                              int maxFragments, int upstreamMaxFrameBytes, Set<String> allowedOrigins,
                              long pingIntervalNanos, long idleTimeoutNanos, long maxAgeNanos) {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    public WebSocketPolicy {
        Objects.requireNonNull(onMalformedJson, "onMalformedJson");
        Objects.requireNonNull(messageRule, "messageRule");
        allowedOrigins = Collections.unmodifiableSet(new LinkedHashSet<>(allowedOrigins));
    }

    /** The global settings, for routes without a {@code websocket:} entry. Assumes a validated config. */
    public static WebSocketPolicy of(WebSocketConfig config) {
        return new WebSocketPolicy(false, config.onMalformedJson(),
                GcraRule.of(config.messagesPerMinute(), MINUTE, config.effectiveMessageBurst()),
                config.userMessagesPerMinute() == null ? null
                        : GcraRule.of(config.userMessagesPerMinute(), MINUTE, config.userMessagesPerMinute()),
                config.violationsBeforeClose(), Math.min(config.maxFrameBytes(), config.maxMessageBytes()),
                config.maxMessageBytes(), config.maxFragments(), config.upstreamMaxFrameBytes(),
                origins(config.allowedOrigins()), config.pingInterval().toNanos(), config.idleTimeout().toNanos(),
                config.maxConnectionAge() == null ? 0 : config.maxConnectionAge().toNanos());
    }

    /**
     * These settings with a route's entry laid over them.
     *
     * @param key the entry's config key, e.g. {@code routes[3].websocket}, for error messages
     * @throws IllegalArgumentException starting with the offending key
     */
    public WebSocketPolicy with(RouteWebSocketConfig route, String key) {
        if (route == null) {
            return this;
        }
        int perMinute = positive(route.messagesPerMinute(), (int) messageRule.limit(), key + ".messagesPerMinute");
        int burst = positive(route.messageBurst(), route.messagesPerMinute() != null ? perMinute
                : (int) (messageRule.toleranceNanos() / messageRule.intervalNanos()), key + ".messageBurst");
        int maxMessage = positive(route.maxMessageBytes(), maxMessageBytes, key + ".maxMessageBytes");
        Set<String> origins = allowedOrigins;
        if (route.allowedOrigins() != null) {
            List<String> listed = route.allowedOrigins();
            for (int i = 0; i < listed.size(); i++) {
                try {
                    Origins.normalize(listed.get(i));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(key + ".allowedOrigins[" + i + "]: " + e.getMessage());
                }
            }
            origins = origins(listed);
        }
        return new WebSocketPolicy(route.json() != null ? route.json() : json,
                route.onMalformedJson() != null ? route.onMalformedJson() : onMalformedJson,
                GcraRule.of(perMinute, MINUTE, burst), userRule, violationsBeforeClose,
                Math.min(maxFrameBytes, maxMessage), maxMessage, maxFragments, upstreamMaxFrameBytes, origins,
                pingIntervalNanos, idleTimeoutNanos, maxAgeNanos);
    }

    /** Whether a handshake from this (canonical) origin may open a connection; null means no Origin header. */
    public boolean allowsOrigin(String canonicalOrigin) {
        return allowedOrigins.isEmpty() || canonicalOrigin != null && allowedOrigins.contains(canonicalOrigin);
    }

    /** The settings as plain data, for {@code check-config}. */
    public Map<String, Object> describe() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("json", json);
        if (json) {
            view.put("onMalformedJson", onMalformedJson.wireName());
        }
        view.put("messages", messageRule.limit() + " per minute per connection, burst "
                + messageRule.toleranceNanos() / messageRule.intervalNanos()
                + (userRule == null ? "" : "; " + userRule.limit() + " per minute per user"));
        view.put("maxMessageBytes", maxMessageBytes);
        view.put("allowedOrigins", allowedOrigins.isEmpty() ? "any" : List.copyOf(allowedOrigins));
        return view;
    }

    private static int positive(Integer value, int fallback, String key) {
        if (value == null) {
            return fallback;
        }
        if (value <= 0) {
            throw new IllegalArgumentException(key + ": must be greater than 0, got " + value);
        }
        return value;
    }

    private static Set<String> origins(List<String> configured) {
        Set<String> out = new LinkedHashSet<>();
        configured.forEach(o -> out.add(Origins.normalize(o)));
        return out;
    }
}
