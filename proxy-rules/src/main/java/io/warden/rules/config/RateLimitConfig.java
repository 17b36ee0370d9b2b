package io.warden.rules.config;

import io.warden.rules.net.Cidr;

import java.util.List;

/**
 * @param anonymousPerMinute requests a minute per client address without a verified identity
 * @param authenticatedPerMinute requests a minute per verified user
 * @param allowList CIDRs never limited or blocked (still inspected and authenticated)
 * @param anonymousBurst requests an idle anonymous client may send at once; null means
 *                       {@code anonymousPerMinute}, so a client may spend its minute in one go
 * @param authenticatedBurst the same for the authenticated tier; null means {@code authenticatedPerMinute}
 * @param mode enforce, detect (events and headers only) or off, for the request-rate tiers
 * @param ipv6Prefix IPv6 clients are keyed by this network (64: one customer allocation), so
 *                   rotating addresses inside it does not escape a limit or a block
 * @param headers which rate-limit headers limited responses carry
 * @param maxTrackedKeys the most clients whose limiter state is kept; past it the least useful
 *                       entries are evicted, so a flood of distinct addresses cannot exhaust the heap
 * @param bots bot and scanner detection
 * @param streams concurrent long-lived responses (SSE, WebSocket)
 * @param costBudget usage budget read from an upstream response header
 */
public record RateLimitConfig(int anonymousPerMinute, int authenticatedPerMinute, List<String> allowList,
                              Integer anonymousBurst, Integer authenticatedBurst, LimitMode mode,
                              int ipv6Prefix, RateLimitHeaderStyle headers, int maxTrackedKeys,
                              BotConfig bots, StreamLimitConfig streams, CostBudgetConfig costBudget) {

    public static RateLimitConfig defaults() {
        return new RateLimitConfig(100, 1000, List.of(), null, null, LimitMode.ENFORCE, 64,
                RateLimitHeaderStyle.DRAFT, 100_000, BotConfig.defaults(), StreamLimitConfig.defaults(),
                CostBudgetConfig.defaults());
    }

    /** The anonymous burst with its default applied. */
    public int effectiveAnonymousBurst() {
        return anonymousBurst == null ? anonymousPerMinute : anonymousBurst;
    }

    /** The authenticated burst with its default applied. */
    public int effectiveAuthenticatedBurst() {
        return authenticatedBurst == null ? authenticatedPerMinute : authenticatedBurst;
    }

    void validate(Problems p) {
        p.positive("rateLimit.anonymousPerMinute", anonymousPerMinute);
        p.positive("rateLimit.authenticatedPerMinute", authenticatedPerMinute);
        p.each("rateLimit.allowList", allowList, Cidr::parse);
        if (anonymousBurst != null) {
            p.positive("rateLimit.anonymousBurst", anonymousBurst);
        }
        if (authenticatedBurst != null) {
            p.positive("rateLimit.authenticatedBurst", authenticatedBurst);
        }
        p.required("rateLimit.mode", mode);
        if (ipv6Prefix < 1 || ipv6Prefix > 128) {
            p.add("rateLimit.ipv6Prefix", "must be a prefix length in 1..128, got " + ipv6Prefix);
        }
        p.required("rateLimit.headers", headers);
        p.positive("rateLimit.maxTrackedKeys", maxTrackedKeys);
        p.required("rateLimit.bots", bots);
        if (bots != null) {
            bots.validate(p);
        }
        p.required("rateLimit.streams", streams);
        if (streams != null) {
            streams.validate(p);
        }
        p.required("rateLimit.costBudget", costBudget);
        if (costBudget != null) {
            costBudget.validate(p);
        }
    }
}
