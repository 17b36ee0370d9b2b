package io.warden.rules.ratelimit;

import io.warden.rules.config.LimitMode;

import java.time.Duration;
import java.util.Objects;

/**
 * One request-rate limit as it applies to a request: the tier's name (shown in headers and events,
 * and separating its counters from other tiers'), the quota, and how it acts. Route overrides are
 * policies too, e.g. {@code perMinute("login", 10, 10, ENFORCE, ADDRESS)}.
 *
 * @param tier a short token: lower-case letters, digits, '-' or '_'
 * @param limit requests per {@code window}
 * @param window the quota's window
 * @param burst requests an idle key may send at once
 * @param mode enforce, detect or off
 * @param keyBy address or user
 */
public record RateLimitPolicy(String tier, int limit, Duration window, int burst, LimitMode mode, KeyBy keyBy) {

    public RateLimitPolicy {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(keyBy, "keyBy");
        if (tier.isEmpty() || !tier.chars().allMatch(RateLimitPolicy::tierChar)) {
            throw new IllegalArgumentException("tier must be lower-case letters, digits, '-' or '_', got '" + tier + "'");
        }
        GcraRule.of(limit, window, burst);
    }

    public static RateLimitPolicy perMinute(String tier, int limit, int burst, LimitMode mode, KeyBy keyBy) {
        return new RateLimitPolicy(tier, limit, Duration.ofMinutes(1), burst, mode, keyBy);
    }

    /** The GCRA numbers of this policy. */
    public GcraRule rule() {
        return GcraRule.of(limit, window, burst);
    }

    public RateLimitPolicy withMode(LimitMode newMode) {
        return new RateLimitPolicy(tier, limit, window, burst, newMode, keyBy);
    }

    private static boolean tierChar(int c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }
}
