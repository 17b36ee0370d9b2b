package io.warden.rules.config;

import java.time.Duration;

/**
 * Cluster mode: the state several Wardens share through one Redis.
 *
 * @param url {@code redis://} or {@code rediss://}; set means cluster mode (env {@code REDIS_URL}); an
 *            ACL user goes in the URL's user-info ({@code redis://warden@host:6379})
 * @param password (env {@code REDIS_PASSWORD}); overrides a password in the URL
 * @param timeoutMillis the deadline of every Redis call; past it the instance falls back to local state
 * @param syncInterval how often the local rate-limit counts are merged with the shared ones
 * @param rateLimitFailure what rate limiting does while Redis is lost: {@code open} (the default) keeps
 *                         limiting on local state with the limit divided by the live instances last
 *                         seen, {@code closed} refuses limited requests with 429 until Redis returns
 * @param keyPrefix prefix of every Redis key and channel, so several fleets can share one Redis
 */
public record RedisConfig(String url, String password, long timeoutMillis, Duration syncInterval,
                          RedisFailureMode rateLimitFailure, String keyPrefix) {

    public static RedisConfig defaults() {
        return new RedisConfig(null, null, 200, Duration.ofMillis(20), RedisFailureMode.OPEN, "warden:");
    }

    public boolean enabled() {
        return url != null;
    }

    void validate(Problems p) {
        if (url != null && !url.startsWith("redis://") && !url.startsWith("rediss://")) {
            p.add("redis.url", "must start with redis:// or rediss://, got '" + Redaction.url(url) + "'");
        }
        p.positive("redis.timeoutMillis", timeoutMillis);
        p.positive("redis.syncInterval", syncInterval);
        if (syncInterval != null && syncInterval.compareTo(Duration.ofSeconds(1)) > 0) {
            p.add("redis.syncInterval", "must be at most 1s (limits across instances drift with it), got "
                    + syncInterval);
        }
        p.required("redis.rateLimitFailure", rateLimitFailure);
        if (keyPrefix == null || keyPrefix.isBlank()) {
            p.add("redis.keyPrefix", "must not be empty");
        }
    }

    RedisConfig redacted() {
        return new RedisConfig(url == null ? null : Redaction.url(url), Redaction.mask(password), timeoutMillis,
                syncInterval, rateLimitFailure, keyPrefix);
    }
}
