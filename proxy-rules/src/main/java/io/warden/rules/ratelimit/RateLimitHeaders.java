package io.warden.rules.ratelimit;

import io.warden.rules.config.RateLimitHeaderStyle;
import io.warden.rules.pipeline.RequestContext;

/**
 * Writes a limiter decision as response headers so clients can pace themselves. The draft style
 * follows draft-ietf-httpapi-ratelimit-headers (-10/-11): structured-field lists whose items name
 * the policy, e.g. {@code RateLimit-Policy: "anonymous";q=100;w=60} and
 * {@code RateLimit: "anonymous";r=42;t=25}. No partition key is sent: it would echo the client key.
 */
public final class RateLimitHeaders {

    public static final String POLICY = "RateLimit-Policy";
    public static final String RATE_LIMIT = "RateLimit";
    public static final String LEGACY_LIMIT = "X-RateLimit-Limit";
    public static final String LEGACY_REMAINING = "X-RateLimit-Remaining";
    public static final String LEGACY_RESET = "X-RateLimit-Reset";

    private final RateLimitHeaderStyle style;

    public RateLimitHeaders(RateLimitHeaderStyle style) {
        this.style = java.util.Objects.requireNonNull(style, "style");
    }

    /** Adds the headers to every response of this request, Warden's own 429 included. */
    public void write(RequestContext request, String tier, GcraRule rule, RateLimitProbe probe) {
        if (style.draft()) {
            request.addResponseHeader(POLICY, policy(tier, rule));
            request.addResponseHeader(RATE_LIMIT, limit(tier, probe));
        }
        if (style.legacy()) {
            request.addResponseHeader(LEGACY_LIMIT, Long.toString(rule.limit()));
            request.addResponseHeader(LEGACY_REMAINING, Long.toString(probe.remaining()));
            request.addResponseHeader(LEGACY_RESET, Long.toString(probe.resetSeconds()));
        }
    }

    static String policy(String tier, GcraRule rule) {
        return '"' + tier + "\";q=" + rule.limit() + ";w=" + rule.windowSeconds();
    }

    static String limit(String tier, RateLimitProbe probe) {
        return '"' + tier + "\";r=" + probe.remaining() + ";t=" + probe.resetSeconds();
    }
}
