package io.warden.rules.config;

import io.warden.rules.net.Cidr;

import java.util.List;

/**
 * @param anonymousPerMinute requests a minute per client address without a verified identity
 * @param authenticatedPerMinute requests a minute per verified user
 * @param allowList CIDRs never limited or blocked (still inspected and authenticated)
 */
public record RateLimitConfig(int anonymousPerMinute, int authenticatedPerMinute, List<String> allowList) {

    public static RateLimitConfig defaults() {
        return new RateLimitConfig(100, 1000, List.of());
    }

    void validate(Problems p) {
        p.positive("rateLimit.anonymousPerMinute", anonymousPerMinute);
        p.positive("rateLimit.authenticatedPerMinute", authenticatedPerMinute);
        p.each("rateLimit.allowList", allowList, Cidr::parse);
    }
}
