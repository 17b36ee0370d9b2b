package io.warden.rules.route;

import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.RequestCheck;
import io.warden.rules.pipeline.RequestContext;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The route's own gate, before anything else looks at the request: denied routes and unusable
 * paths, methods the route does not take (405), bodies of a media type it does not take (415),
 * and a missing body where the route has body rules (422).
 */
public final class RouteRulesCheck implements RequestCheck {

    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    private final EventFactory events;

    public RouteRulesCheck(EventFactory events) {
        this.events = events;
    }

    @Override
    public Decision check(RequestContext request) {
        RoutePolicy route = request.route();
        if (route.denied()) {
            boolean unusable = route.denyStatus() == 400;
            return Decision.reject(route.denyStatus(), unusable ? "invalid path" : "forbidden",
                    request.event(events, unusable ? EventType.PROTOCOL_VIOLATION : EventType.ROUTE_DENIED,
                            ThreatLevel.MEDIUM, Map.of("reason", unusable ? "path has no safe reading" : "route denied")));
        }
        if (!route.allows(request.method())) {
            return Decision.reject(405, "method not allowed", request.event(events,
                            EventType.INPUT_VALIDATION_FAILURE, ThreatLevel.LOW,
                            Map.of("reason", "method not allowed", "method", request.method())))
                    .withHeader("Allow", String.join(", ", route.allowedMethods()));
        }
        if (request.hasBody() && !route.contentTypes().isEmpty()
                && !route.contentTypes().contains(mediaType(request.headers().get("Content-Type")))) {
            return Decision.reject(415, "unsupported media type", request.event(events,
                    EventType.INPUT_VALIDATION_FAILURE, ThreatLevel.LOW, Map.of("reason", "media type not allowed")));
        }
        if (route.body() != null && !request.hasBody() && BODY_METHODS.contains(request.method())) {
            return Decision.reject(422, "request body required", request.event(events,
                    EventType.INPUT_VALIDATION_FAILURE, ThreatLevel.LOW, Map.of("field", "$", "rule", "required")));
        }
        return Decision.proceed();
    }

    /** {@code application/json; charset=utf-8} → {@code application/json}. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
