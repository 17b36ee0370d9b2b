package io.warden.rules.route;

import java.util.Objects;

/**
 * The settings that apply to a request, once its route is known.
 *
 * @param name the route's name, used in events and logs
 * @param maxBodyBytes the largest request body accepted
 */
public record RoutePolicy(String name, long maxBodyBytes) {

    public RoutePolicy {
        Objects.requireNonNull(name, "name");
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must be >= 0, got " + maxBodyBytes);
        }
    }
}
