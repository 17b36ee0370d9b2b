package io.warden.rules.ratelimit.ai;

import io.warden.rules.config.LimitMode;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.net.CidrSet;
import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.MutableHeaders;
import io.warden.rules.pipeline.RequestCheck;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.pipeline.ResponseStep;
import io.warden.rules.ratelimit.ClientKeys;
import io.warden.rules.ratelimit.GcraRule;
import io.warden.rules.ratelimit.KeyBy;
import io.warden.rules.ratelimit.RateLimitProbe;
import io.warden.rules.ratelimit.RateLimiter;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A usage budget per user and hour (per address when anonymous), charged after each response
 * with the cost the upstream reports in a header (e.g. model tokens used). The cost is only known
 * once the answer exists, so the answer that overspends is delivered and the next request gets
 * 429 with {@code Retry-After} until the budget has refilled; the same GCRA as request rates,
 * with a cost per request. Overspending is capped at one extra hour of debt.
 *
 * <p>As a {@link RequestCheck} it runs after the JWT check; as a {@link ResponseStep} it reads the
 * header. Not a violation towards blocking: spending a budget is use, not abuse.
 */
public final class CostBudget implements RequestCheck, ResponseStep {

    /** Header values above this are treated as this: a broken upstream must not overflow anything. */
    static final long MAX_COST = 1_000_000_000_000L;
    private static final String TIER = "cost";

    private final RateLimiter limiter;
    private final GcraRule rule;
    private final String header;
    private final LimitMode mode;
    private final ClientKeys keys;
    private final CidrSet allowList;
    private final EventFactory events;

    /** @param rule the budget, e.g. {@code GcraRule.of(perHour, 1h, perHour)} */
    public CostBudget(RateLimiter limiter, GcraRule rule, String header, LimitMode mode, ClientKeys keys,
                      CidrSet allowList, EventFactory events) {
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.rule = Objects.requireNonNull(rule, "rule");
        this.header = Objects.requireNonNull(header, "header");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.allowList = Objects.requireNonNull(allowList, "allowList");
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public Decision check(RequestContext request) {
        if (skip(request)) {
            return Decision.proceed();
        }
        String key = keys.key(KeyBy.USER, request.client(), request.identity());
        RateLimitProbe probe = limiter.tryAcquire(TIER + '|' + key, rule, 0);
        if (probe.allowed()) {
            return Decision.proceed();
        }
        SecurityEvent spent = request.event(events, EventType.RATE_LIMIT_VIOLATION, ThreatLevel.LOW, Map.of(
                "key", key, "tier", TIER, "limit", rule.limit(), "windowSeconds", rule.windowSeconds(),
                "retryAfterSeconds", probe.retryAfterSeconds(), "mode", mode.wireName()));
        if (mode == LimitMode.DETECT) {
            return Decision.proceed(List.of(spent));
        }
        return new Decision.Reject(429, "usage budget exhausted",
                Map.of("Retry-After", Long.toString(probe.retryAfterSeconds())), List.of(spent), false);
    }

    @Override
    public void onResponse(RequestContext request, int status, MutableHeaders headers) {
        if (skip(request)) {
            return;
        }
        long cost = parse(headers.get(header));
        if (cost > 0) {
            limiter.charge(TIER + '|' + keys.key(KeyBy.USER, request.client(), request.identity()), rule, cost);
        }
    }

    private boolean skip(RequestContext request) {
        return mode == LimitMode.OFF || allowList.contains(request.client().address());
    }

    /** A non-negative integer, or 0 for anything else (the upstream's header is trusted, not its typos). */
    static long parse(String value) {
        if (value == null) {
            return 0;
        }
        String v = value.trim();
        if (v.isEmpty() || v.length() > 19) {
            return v.length() > 19 && v.chars().allMatch(Character::isDigit) ? MAX_COST : 0;
        }
        long n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return 0;
            }
            n = n * 10 + (c - '0');
        }
        return Math.min(n, MAX_COST);
    }
}
