package io.warden.rules.ratelimit;

import io.warden.rules.config.LimitMode;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.net.CidrSet;
import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.ratelimit.block.Escalation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies one {@link RateLimitPolicy} to a request: asks the limiter, writes the rate-limit
 * headers, and on a denial raises {@code RATE_LIMIT_VIOLATION}, counts the violation towards a
 * block and answers 429 with {@code Retry-After}. In {@code detect} mode the same events and
 * headers are produced and the request passes; detected violations do not count towards blocks.
 * Allow-listed addresses are never limited.
 */
public final class RateLimitEnforcer {

    private final RateLimiter limiter;
    private final ClientKeys keys;
    private final CidrSet allowList;
    private final RateLimitHeaders headers;
    private final Escalation escalation;
    private final EventFactory events;

    public RateLimitEnforcer(RateLimiter limiter, ClientKeys keys, CidrSet allowList, RateLimitHeaders headers,
                             Escalation escalation, EventFactory events) {
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.allowList = Objects.requireNonNull(allowList, "allowList");
        this.headers = Objects.requireNonNull(headers, "headers");
        this.escalation = Objects.requireNonNull(escalation, "escalation");
        this.events = Objects.requireNonNull(events, "events");
    }

    public Decision apply(RequestContext request, RateLimitPolicy policy) {
        if (policy.mode() == LimitMode.OFF || allowList.contains(request.client().address())) {
            return Decision.proceed();
        }
        String key = keys.key(policy.keyBy(), request.client(), request.identity());
        GcraRule rule = policy.rule();
        RateLimitProbe probe = limiter.tryAcquire(policy.tier() + '|' + key, rule);
        headers.write(request, policy.tier(), rule, probe);
        if (probe.allowed()) {
            return Decision.proceed();
        }
        if (probe.unavailable()) {
            // the outage itself is reported once, as dependency_down; a client refused meanwhile has
            // done nothing wrong, so nothing here counts toward blocking it
            return policy.mode() == LimitMode.DETECT ? Decision.proceed() : new Decision.Reject(429,
                    "rate limit unavailable", Map.of("Retry-After", Long.toString(probe.retryAfterSeconds())),
                    List.of(), false);
        }
        SecurityEvent violation = request.event(events, EventType.RATE_LIMIT_VIOLATION, ThreatLevel.MEDIUM, Map.of(
                "key", key, "tier", policy.tier(), "limit", policy.limit(),
                "windowSeconds", rule.windowSeconds(), "retryAfterSeconds", probe.retryAfterSeconds(),
                "mode", policy.mode().wireName()));
        if (policy.mode() == LimitMode.DETECT) {
            return Decision.proceed(List.of(violation));
        }
        Escalation.Outcome escalated = escalation.violation(request, "rate limit exceeded");
        List<SecurityEvent> raised = new ArrayList<>(1 + escalated.events().size());
        raised.add(violation);
        raised.addAll(escalated.events());
        return new Decision.Reject(429, "rate limit exceeded",
                Map.of("Retry-After", Long.toString(probe.retryAfterSeconds())), raised, false);
    }
}
