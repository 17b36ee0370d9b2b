package io.warden.admin;

import java.util.HashMap;
import java.util.Map;

/**
 * The admin API's table of endpoints by method and exact path. Every endpoint needs the bearer
 * token unless registered public; a public endpoint still learns whether the caller had one.
 */
public final class AdminRoutes {

    record Route(AdminEndpoint endpoint, boolean requiresToken) {
    }

    private final Map<String, Map<String, Route>> byPath = new HashMap<>();

    public AdminRoutes get(String path, AdminEndpoint endpoint) {
        return add("GET", path, endpoint, true);
    }

    public AdminRoutes post(String path, AdminEndpoint endpoint) {
        return add("POST", path, endpoint, true);
    }

    /** An endpoint that answers without a token (health probes, the dashboard page shell). */
    public AdminRoutes publicGet(String path, AdminEndpoint endpoint) {
        return add("GET", path, endpoint, false);
    }

    private AdminRoutes add(String method, String path, AdminEndpoint endpoint, boolean requiresToken) {
        byPath.computeIfAbsent(path, p -> new HashMap<>()).put(method, new Route(endpoint, requiresToken));
        return this;
    }

    /** The route, or null; {@link #knowsPath} tells 404 from 405 apart. */
    Route find(String method, String path) {
        Map<String, Route> methods = byPath.get(path);
        if (methods == null) {
            return null;
        }
        Route route = methods.get(method);
        if (route == null && "HEAD".equals(method)) {
            route = methods.get("GET");
        }
        return route;
    }

    boolean knowsPath(String path) {
        return byPath.containsKey(path);
    }
}
