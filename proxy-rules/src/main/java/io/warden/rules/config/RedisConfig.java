package io.warden.rules.config;

/**
 * @param url {@code redis://} or {@code rediss://}; set means cluster mode (env {@code REDIS_URL})
 * @param password (env {@code REDIS_PASSWORD})
 */
public record RedisConfig(String url, String password) {

    public static RedisConfig defaults() {
        return new RedisConfig(null, null);
    }

    void validate(Problems p) {
        if (url != null && !url.startsWith("redis://") && !url.startsWith("rediss://")) {
            p.add("redis.url", "must start with redis:// or rediss://, got '" + Redaction.url(url) + "'");
        }
    }

    RedisConfig redacted() {
        return new RedisConfig(url == null ? null : Redaction.url(url), Redaction.mask(password));
    }
}
