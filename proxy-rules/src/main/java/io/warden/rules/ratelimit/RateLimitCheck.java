package io.warden.rules.ratelimit;

import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.RequestCheck;
import io.warden.rules.pipeline.RequestContext;

import java.util.Objects;
import java.util.function.Function;

/**
 * The request-rate limit: runs after the JWT check (so the tier follows the verified identity)
 * with the policy {@code policies} chooses, e.g. {@link TierPolicies} or a route's override.
 */
public final class RateLimitCheck implements RequestCheck {

    private final RateLimitEnforcer enforcer;
    private final Function<RequestContext, RateLimitPolicy> policies;

    public RateLimitCheck(RateLimitEnforcer enforcer, Function<RequestContext, RateLimitPolicy> policies) {
        this.enforcer = Objects.requireNonNull(enforcer, "enforcer");
        this.policies = Objects.requireNonNull(policies, "policies");
    }

    @Override
    public Decision check(RequestContext request) {
        return enforcer.apply(request, policies.apply(request));
    }
}
