package io.warden.rules.route;

import io.warden.rules.auth.AuthPolicy;
import io.warden.rules.auth.ClaimRequirement;
import io.warden.rules.config.AuthMode;
import io.warden.rules.config.ConfigProblem;
import io.warden.rules.config.InspectionConfig;
import io.warden.rules.config.LimitMode;
import io.warden.rules.config.Problems;
import io.warden.rules.config.RouteConfig;
import io.warden.rules.config.RouteInspectionConfig;
import io.warden.rules.config.RouteRateLimitConfig;
import io.warden.rules.config.WardenConfig;
import io.warden.rules.config.WebSocketConfig;
import io.warden.rules.headers.HeaderPolicies;
import io.warden.rules.inspect.Exclusion;
import io.warden.rules.inspect.InspectionSettings;
import io.warden.rules.inspect.Paranoia;
import io.warden.rules.ratelimit.KeyBy;
import io.warden.rules.ratelimit.RateLimitPolicy;
import io.warden.rules.route.body.BodyRules;
import io.warden.rules.websocket.WebSocketPolicy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The compiled {@code routes:}. A lookup normalises the path once (reading a plain path in
 * place), then tries only the routes whose first segment could match (an index on the first
 * literal segment, with wildcard-led routes merged in by position), so 200 routes cost what a
 * handful do. First match wins; no match gets the global policy.
 */
public final class RouteTable implements RouteLookup {

    private record Route(int index, PathPattern pattern, Set<String> methods, RoutePolicy policy) {
        boolean matches(String method, String path, int segmentCount) {
            return pattern.admits(segmentCount) && (methods.isEmpty() || methods.contains(method))
                    && pattern.matches(path);
        }
    }

    private final SegmentIndex<Route[]> byFirstSegment;
    private final Route[] wildcardLed;
    private final RoutePolicy fallback;
    private final RoutePolicy unusablePath;
    private final List<RoutePolicy> policies;
    private final List<Map<String, Object>> described;

    private RouteTable(List<Route> routes, RoutePolicy fallback) {
        List<Route> wildcards = new ArrayList<>();
        Map<String, List<Route>> literal = new HashMap<>();
        for (Route route : routes) {
            String first = route.pattern().firstLiteral();
            if (first == null) {
                wildcards.add(route);
            } else {
                literal.computeIfAbsent(first, k -> new ArrayList<>()).add(route);
            }
        }
        Map<String, Route[]> index = new HashMap<>();
        literal.forEach((first, list) -> {
            List<Route> merged = new ArrayList<>(list);
            merged.addAll(wildcards);
            merged.sort((a, b) -> Integer.compare(a.index(), b.index()));
            index.put(first, merged.toArray(Route[]::new));
        });
        this.byFirstSegment = new SegmentIndex<>(index);
        this.wildcardLed = wildcards.toArray(Route[]::new);
        this.fallback = fallback;
        this.unusablePath = new RoutePolicy("invalid-path", 400, Set.of(), List.of(), 0, fallback.auth(), null, null,
                fallback.headers(), fallback.websocket(), fallback.inspection());
        List<RoutePolicy> all = new ArrayList<>();
        List<Map<String, Object>> views = new ArrayList<>();
        routes.forEach(r -> {
            all.add(r.policy());
            views.add(describe(r.pattern().toString(), r.methods(), r.policy()));
        });
        all.add(fallback);
        views.add(describe("(no route matched)", Set.of(), fallback));
        this.policies = List.copyOf(all);
        this.described = List.copyOf(views);
    }

    /** One route's effective policy as plain data, for an operator to review. */
    private static Map<String, Object> describe(String pattern, Set<String> methods, RoutePolicy p) {
        Map<String, Object> view = new java.util.LinkedHashMap<>();
        view.put("route", p.name());
        view.put("matches", (methods.isEmpty() ? "ANY" : String.join("|", methods)) + " " + pattern);
        if (p.denied()) {
            view.put("deny", p.denyStatus());
            return view;
        }
        view.put("allowedMethods", p.allowedMethods().isEmpty() ? "any" : List.copyOf(p.allowedMethods()));
        view.put("contentTypes", p.contentTypes().isEmpty() ? "any" : p.contentTypes());
        view.put("maxBodyBytes", p.maxBodyBytes());
        view.put("auth", p.auth().mode().wireName() + (p.auth().requiredClaims().isEmpty() ? ""
                : " requiring " + p.auth().requiredClaims().stream().map(c -> c.describe()).toList()));
        RateLimitPolicy limit = p.rateLimit();
        view.put("rateLimit", limit == null ? "default tiers"
                : limit.limit() + " per " + limit.window().toMinutes() + "m, burst " + limit.burst() + ", "
                + limit.mode().wireName() + ", by " + limit.keyBy().name().toLowerCase(Locale.ROOT)
                + " (tier " + limit.tier() + ")");
        view.put("bodyRules", p.body() == null ? "none" : p.body().describe());
        view.put("websocket", p.websocket().describe());
        return view;
    }

    /** Compiles the routes, or throws with every problem named by key. */
    public static RouteTable compile(WardenConfig config) {
        Problems problems = new Problems();
        RouteTable table = compile(config, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.list().toString());
        }
        return table;
    }

    /** Every problem of the routes, each naming its key ({@code routes[2].body.fields.x.pattern}). */
    public static List<ConfigProblem> problems(WardenConfig config) {
        Problems problems = new Problems();
        compile(config, problems);
        return problems.list();
    }

    private static RouteTable compile(WardenConfig config, Problems problems) {
        AuthPolicy defaultAuth = AuthPolicy.from(config.auth());
        HeaderPolicies headers = new HeaderPolicies(config.environment(), config.headers());
        WebSocketPolicy defaultWebSocket = globalWebSocket(config);
        InspectionSettings defaultInspection = InspectionSettings.from(config.inspection());
        long defaultMaxBody = config.limits().maxRequestBodyBytes();
        List<Route> routes = new ArrayList<>();
        List<RouteConfig> configured = config.routes() == null ? List.of() : config.routes();
        for (int i = 0; i < configured.size(); i++) {
            String key = "routes[" + i + "]";
            try {
                routes.add(compileRoute(i, configured.get(i), key, config, defaultAuth, defaultWebSocket,
                        defaultMaxBody, headers, defaultInspection));
            } catch (IllegalArgumentException e) {
                problems.add(keyOf(e.getMessage(), key), messageOf(e.getMessage()));
            }
        }
        RoutePolicy fallback = new RoutePolicy("default", 0, Set.of(), List.of(), defaultMaxBody, defaultAuth, null,
                null, headers.base(), defaultWebSocket, defaultInspection);
        return new RouteTable(routes, fallback);
    }

    /**
     * The {@code websocket:} section as a policy. Routes are compiled even when that section is
     * invalid, so every route problem is reported in the same round; the section's own validation
     * names its problems, and the routes are compiled against the defaults meanwhile.
     */
    private static WebSocketPolicy globalWebSocket(WardenConfig config) {
        try {
            return WebSocketPolicy.of(config.websocket());
        } catch (RuntimeException invalidSection) {
            return WebSocketPolicy.of(WebSocketConfig.defaults());
        }
    }

    private static Route compileRoute(int index, RouteConfig route, String key, WardenConfig config,
                                      AuthPolicy defaultAuth, WebSocketPolicy defaultWebSocket,
                                      long defaultMaxBody, HeaderPolicies headers,
                                      InspectionSettings defaultInspection) {
        if (route == null) {
            throw new IllegalArgumentException(key + ": a route needs at least a path");
        }
        if (route.path() == null) {
            throw new IllegalArgumentException(key + ".path: is required");
        }
        PathPattern pattern;
        try {
            pattern = PathPattern.compile(route.path());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ".path: " + e.getMessage());
        }
        String name = route.displayName();
        long maxBody = route.maxBodyBytes() == null ? defaultMaxBody : route.maxBodyBytes();
        if (maxBody < 0) {
            throw new IllegalArgumentException(key + ".maxBodyBytes: must be 0 or more, got " + maxBody);
        }
        AuthPolicy auth = authOf(route, key, config, defaultAuth);
        RateLimitPolicy rateLimit = rateLimitOf(route.rateLimit(), name, key, config.rateLimit().mode());
        BodyRules body = route.body() == null ? null : BodyRules.compile(route.body(), key + ".body");
        WebSocketPolicy websocket = defaultWebSocket.with(route.websocket(), key + ".websocket");
        int denyStatus = Boolean.TRUE.equals(route.deny()) ? 403 : 0;
        if (route.headers() != null) {
            Problems headerProblems = new Problems();
            route.headers().validate(headerProblems, key + ".headers");
            if (!headerProblems.isEmpty()) {
                throw new IllegalArgumentException(headerProblems.list().get(0).toString());
            }
        }
        RoutePolicy policy = new RoutePolicy(name, denyStatus, upper(route.allowedMethods()),
                lowerList(route.contentTypes()), maxBody, auth, rateLimit, body, headers.forRoute(route.headers()),
                websocket, inspectionOf(route.inspection(), key, defaultInspection));
        return new Route(index, pattern, upper(route.methods()), policy);
    }

    private static AuthPolicy authOf(RouteConfig route, String key, WardenConfig config, AuthPolicy defaultAuth) {
        AuthPolicy auth = defaultAuth;
        if (route.auth() != null) {
            if (route.auth() != AuthMode.NONE && !config.auth().hasKeys()) {
                throw new IllegalArgumentException(key + ".auth: " + route.auth().wireName()
                        + " needs a key to verify tokens: auth.jwtSecret (env SECURITY_JWT_SECRET_KEY), auth.publicKeys or auth.jwks");
            }
            auth = auth.withMode(route.auth());
        }
        if (route.requiredClaims() != null && !route.requiredClaims().isEmpty()) {
            if (auth.mode() == AuthMode.NONE) {
                throw new IllegalArgumentException(key + ".requiredClaims: needs auth optional or required");
            }
            List<ClaimRequirement> claims = new ArrayList<>();
            route.requiredClaims().forEach((claim, values) -> claims.add(ClaimRequirement.anyOf(claim, values)));
            auth = auth.withRequiredClaims(claims);
        }
        return auth;
    }

    private static InspectionSettings inspectionOf(RouteInspectionConfig route, String key,
                                                   InspectionSettings global) {
        if (route == null) {
            return global;
        }
        InspectionSettings settings = global;
        if (route.mode() != null) {
            settings = settings.withMode(route.mode());
        }
        if (route.paranoia() != null) {
            if (route.paranoia() < Paranoia.MIN || route.paranoia() > Paranoia.MAX) {
                throw new IllegalArgumentException(key + ".inspection.paranoia: must be 1-4, got " + route.paranoia());
            }
            settings = settings.withParanoia(route.paranoia());
        }
        if (route.maxBodyBytes() != null) {
            if (route.maxBodyBytes() <= 0) {
                throw new IllegalArgumentException(key + ".inspection.maxBodyBytes: must be greater than 0");
            }
            settings = settings.withMaxBodyBytes(route.maxBodyBytes());
        }
        if (route.exclusions() != null && !route.exclusions().isEmpty()) {
            List<Exclusion> more = new ArrayList<>();
            for (int i = 0; i < route.exclusions().size(); i++) {
                InspectionConfig.ExclusionRule rule = route.exclusions().get(i);
                String at = key + ".inspection.exclusions[" + i + "]";
                if (rule == null || rule.rule() == null || !Exclusion.isValidRule(rule.rule())) {
                    throw new IllegalArgumentException(at + ".rule: a rule id (sqli.tautology), a class (sqli) or *");
                }
                if (rule.location() == null || rule.location().isBlank()) {
                    throw new IllegalArgumentException(at + ".location: is required, e.g. json:$.message or query:q");
                }
                more.add(new Exclusion(rule.rule(), rule.location()));
            }
            settings = settings.withExclusions(more);
        }
        return settings;
    }

    private static RateLimitPolicy rateLimitOf(RouteRateLimitConfig limit, String routeName, String key,
                                               LimitMode defaultMode) {
        if (limit == null) {
            return null;
        }
        if (limit.perMinute() == null || limit.perMinute() <= 0) {
            throw new IllegalArgumentException(key + ".rateLimit.perMinute: must be greater than 0");
        }
        KeyBy keyBy;
        try {
            keyBy = limit.keyBy() == null ? KeyBy.ADDRESS : KeyBy.valueOf(limit.keyBy().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ".rateLimit.keyBy: expected address or user, got '"
                    + limit.keyBy() + "'");
        }
        int burst = limit.burst() == null ? limit.perMinute() : limit.burst();
        try {
            return RateLimitPolicy.perMinute(tierName(routeName), limit.perMinute(), burst,
                    limit.mode() == null ? defaultMode : limit.mode(), keyBy);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ".rateLimit: " + e.getMessage());
        }
    }

    /** A route's own tier: its name reduced to the characters a tier may have, so its counters are its own. */
    static String tierName(String routeName) {
        StringBuilder tier = new StringBuilder("route-");
        for (char c : routeName.toLowerCase(Locale.ROOT).toCharArray()) {
            boolean ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
            tier.append(ok ? c : '_');
        }
        return tier.toString();
    }

    @Override
    public RoutePolicy find(String method, String rawPath) {
        String path = PathNormalizer.matchingForm(rawPath);
        if (path == null) {
            return unusablePath;
        }
        int first = PathPattern.segmentStart(path, 0);
        Route[] candidates = byFirstSegment.get(path, first, PathPattern.segmentEnd(path, first), wildcardLed);
        int segmentCount = PathPattern.segmentCount(path);
        for (Route route : candidates) {
            if (route.matches(method, path, segmentCount)) {
                return route.policy();
            }
        }
        return fallback;
    }

    /** Every route's policy in order, the global one last. */
    public List<RoutePolicy> policies() {
        return policies;
    }

    /** Every route's effective policy as plain data, in order, the global one last: what {@code check-config} prints. */
    public List<Map<String, Object>> describe() {
        return described;
    }

    private static Set<String> upper(List<String> methods) {
        Set<String> out = new LinkedHashSet<>();
        if (methods != null) {
            methods.forEach(m -> out.add(m.trim().toUpperCase(Locale.ROOT)));
        }
        return out;
    }

    private static List<String> lowerList(List<String> values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            values.forEach(v -> out.add(v.trim().toLowerCase(Locale.ROOT)));
        }
        return out;
    }

    /** Compile errors carry their key before ": "; split it off for the problem record. */
    private static String keyOf(String message, String fallbackKey) {
        int colon = message.indexOf(": ");
        return colon > 0 && message.startsWith("routes[") ? message.substring(0, colon) : fallbackKey;
    }

    private static String messageOf(String message) {
        int colon = message.indexOf(": ");
        return colon > 0 && message.startsWith("routes[") ? message.substring(colon + 2) : message;
    }
}
