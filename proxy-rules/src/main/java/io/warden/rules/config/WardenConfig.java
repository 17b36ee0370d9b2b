package io.warden.rules.config;

import io.warden.rules.net.Cidr;

import java.util.List;

/**
 * The whole configuration, immutable. {@link #defaults()} is the one place defaults live: the
 * loader lays the operator's files over it, key by key, so every key has a default.
 */
public record WardenConfig(
        Environment environment,
        String dataDir,
        ListenConfig listen,
        UpstreamConfig upstream,
        ServerConfig server,
        List<String> trustedProxies,
        TlsConfig tls,
        LimitsConfig limits,
        RateLimitConfig rateLimit,
        BlockingConfig blocking,
        AuthConfig auth,
        InspectionConfig inspection,
        WebSocketConfig websocket,
        List<RouteConfig> routes,
        AdminConfig admin,
        MonitoringConfig monitoring,
        RedisConfig redis,
        LoggingConfig logging,
        HeadersConfig headers,
        RequestHeadersConfig requestHeaders) {

    public static WardenConfig defaults() {
        return new WardenConfig(
                Environment.DEVELOPMENT,
                "data",
                ListenConfig.defaults(),
                UpstreamConfig.defaults(),
                ServerConfig.defaults(),
                List.of(),
                TlsConfig.defaults(),
                LimitsConfig.defaults(),
                RateLimitConfig.defaults(),
                BlockingConfig.defaults(),
                AuthConfig.defaults(),
                InspectionConfig.defaults(),
                WebSocketConfig.defaults(),
                List.of(),
                AdminConfig.defaults(),
                MonitoringConfig.defaults(),
                RedisConfig.defaults(),
                LoggingConfig.defaults(),
                HeadersConfig.defaults(),
                RequestHeadersConfig.defaults());
    }

    /**
     * Every problem of this configuration, each naming its key; empty when it can be used. The
     * routes are checked where they are compiled, by {@code RouteTable.problems}.
     */
    public List<ConfigProblem> validate() {
        Problems p = new Problems();
        p.required("environment", environment);
        p.required("dataDir", dataDir);
        section(p, "listen", listen, () -> listen.validate(p));
        section(p, "upstream", upstream, () -> upstream.validate(p));
        section(p, "server", server, () -> server.validate(p));
        p.each("trustedProxies", trustedProxies, Cidr::parse);
        section(p, "tls", tls, () -> tls.validate(p));
        section(p, "limits", limits, () -> limits.validate(p));
        section(p, "rateLimit", rateLimit, () -> rateLimit.validate(p));
        section(p, "blocking", blocking, () -> blocking.validate(p));
        section(p, "auth", auth, () -> auth.validate(p));
        section(p, "inspection", inspection, () -> inspection.validate(p));
        section(p, "websocket", websocket, () -> websocket.validate(p));
        if (routes == null) {
            p.add("routes", "must be a list, got null");
        }
        if (environment != null) {
            section(p, "admin", admin, () -> admin.validate(p, environment));
        }
        section(p, "monitoring", monitoring, () -> monitoring.validate(p));
        section(p, "redis", redis, () -> redis.validate(p));
        section(p, "logging", logging, () -> logging.validate(p));
        section(p, "headers", headers, () -> headers.validate(p));
        section(p, "requestHeaders", requestHeaders, () -> requestHeaders.validate(p));
        if (tls != null && tls.requireHttps() && listen != null && listen.https() == null
                && tls.redirectPort() == null) {
            p.add("tls.requireHttps", "needs listen.https or tls.redirectPort (HTTPS ended by a load balancer)");
        }
        if (listen != null && listen.https() != null && tls != null && tls.certificate() == null
                && environment != Environment.DEVELOPMENT) {
            p.add("tls.certificate", "listen.https needs a certificate outside development");
        }
        return p.list();
    }

    /** A copy whose secrets show only whether they are set, for printing. */
    public WardenConfig redacted() {
        return new WardenConfig(environment, dataDir, listen, upstream, server, trustedProxies, tls, limits,
                rateLimit, blocking, auth.redacted(), inspection, websocket, routes, admin.redacted(),
                monitoring.redacted(), redis.redacted(), logging, headers, requestHeaders);
    }

    private static void section(Problems p, String key, Object value, Runnable validate) {
        if (value == null) {
            p.add(key, "is required");
        } else {
            validate.run();
        }
    }
}
