package io.warden.rules.route;

/** Finds the policy for a request; the route table implements it, tests pass a lambda. */
@FunctionalInterface
public interface RouteLookup {

    /**
     * @param method the request method
     * @param rawPath the path as received, still percent-encoded; the lookup normalises it
     */
    RoutePolicy find(String method, String rawPath);
}
