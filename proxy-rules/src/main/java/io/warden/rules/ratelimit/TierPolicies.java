package io.warden.rules.ratelimit;

import io.warden.rules.config.RateLimitConfig;
import io.warden.rules.pipeline.RequestContext;

import java.util.function.Function;

/**
 * The default tiers: {@code anonymous} per client address, {@code authenticated} per verified
 * user. Route overrides wrap this: {@code req -> override(req).orElseGet(() -> tiers.apply(req))}.
 */
public final class TierPolicies implements Function<RequestContext, RateLimitPolicy> {

    private final RateLimitPolicy anonymous;
    private final RateLimitPolicy authenticated;

    public TierPolicies(RateLimitPolicy anonymous, RateLimitPolicy authenticated) {
        this.anonymous = anonymous;
        this.authenticated = authenticated;
    }

    public static TierPolicies of(RateLimitConfig config) {
        return new TierPolicies(
                RateLimitPolicy.perMinute("anonymous", config.anonymousPerMinute(), config.effectiveAnonymousBurst(),
                        config.mode(), KeyBy.ADDRESS),
                RateLimitPolicy.perMinute("authenticated", config.authenticatedPerMinute(),
                        config.effectiveAuthenticatedBurst(), config.mode(), KeyBy.USER));
    }

    @Override
    public RateLimitPolicy apply(RequestContext request) {
        return request.identity() == null ? anonymous : authenticated;
    }

    public RateLimitPolicy anonymous() {
        return anonymous;
    }

    public RateLimitPolicy authenticated() {
        return authenticated;
    }
}
