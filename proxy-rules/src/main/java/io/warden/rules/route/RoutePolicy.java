package io.warden.rules.route;

import io.warden.rules.auth.AuthPolicy;
import io.warden.rules.config.AuthConfig;
import io.warden.rules.headers.HeaderPolicy;
import io.warden.rules.inspect.InspectionSettings;
import io.warden.rules.config.WebSocketConfig;
import io.warden.rules.ratelimit.RateLimitPolicy;
import io.warden.rules.route.body.BodyRules;
import io.warden.rules.websocket.WebSocketPolicy;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything that applies to a request once its route is known, resolved when the configuration
 * loads: the route's own settings with the global ones filled in, so checks read one record.
 *
 * @param name the route's name, used in events and logs
 * @param denyStatus 0 when the route serves; otherwise every request gets this status (403 for a
 *                   denied route, 400 for a path that has no safe reading)
 * @param allowedMethods upper-case methods accepted; empty means any
 * @param contentTypes lower-case media types a body must have; empty means any
 * @param maxBodyBytes the largest request body accepted
 * @param auth how the route authenticates
 * @param rateLimit the route's own request-rate limit, or null for the default tiers
 * @param body business rules on the JSON body, or null for none
 * @param headers the response headers of this route, or null for the global ones
 * @param websocket how WebSocket connections opened here are checked
 * @param inspection how requests here are inspected for injection
 */
public record RoutePolicy(String name, int denyStatus, Set<String> allowedMethods, List<String> contentTypes,
                          long maxBodyBytes, AuthPolicy auth, RateLimitPolicy rateLimit, BodyRules body,
                          HeaderPolicy headers, WebSocketPolicy websocket, InspectionSettings inspection) {

    public RoutePolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(inspection, "inspection");
        Objects.requireNonNull(websocket, "websocket");
        allowedMethods = Set.copyOf(allowedMethods);
        contentTypes = List.copyOf(contentTypes);
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must be >= 0, got " + maxBodyBytes);
        }
    }

    /** A route with only a name and a body limit: no auth, default limits, no rules. For tests and tools. */
    public static RoutePolicy basic(String name, long maxBodyBytes) {
        return new RoutePolicy(name, 0, Set.of(), List.of(), maxBodyBytes, AuthPolicy.from(AuthConfig.defaults()),
                null, null, null, WebSocketPolicy.of(WebSocketConfig.defaults()), InspectionSettings.defaults());
    }

    public boolean denied() {
        return denyStatus != 0;
    }

    public boolean allows(String method) {
        return allowedMethods.isEmpty() || allowedMethods.contains(method);
    }
}
