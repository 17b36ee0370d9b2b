package io.warden.rules.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A route's own request-rate limit, counted separately from the default tiers (e.g. 10 login
 * attempts a minute).
 *
 * @param perMinute requests a minute
 * @param burst requests at once from an idle key; default {@code perMinute}
 * @param mode enforce, detect or off; default {@code rateLimit.mode}
 * @param keyBy address or user; default address
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouteRateLimitConfig(Integer perMinute, Integer burst, LimitMode mode, String keyBy) {
}
