package io.warden.rules.config;

import java.time.Duration;

/**
 * The fleet-wide audit trail: security events also written to PostgreSQL's {@code security_events}.
 *
 * @param url a JDBC URL ({@code jdbc:postgresql://host:5432/db}); null keeps events on local disk only
 *            (env {@code WARDEN_POSTGRES_URL})
 * @param user (env {@code WARDEN_POSTGRES_USER})
 * @param password (env {@code WARDEN_POSTGRES_PASSWORD})
 * @param batchSize the most events in one insert
 * @param flushInterval how long events wait to fill a batch
 * @param maxQueued events held while PostgreSQL is slow or down (written when it returns); past it the
 *                  oldest are dropped from the queue and counted (they stay in the local event log)
 */
public record PostgresConfig(String url, String user, String password, int batchSize, Duration flushInterval,
                             int maxQueued) {

    public static PostgresConfig defaults() {
        return new PostgresConfig(null, null, null, 500, Duration.ofMillis(200), 100_000);
    }

    public boolean enabled() {
        return url != null;
    }

    void validate(Problems p) {
        if (url != null && !url.startsWith("jdbc:postgresql:")) {
            p.add("monitoring.postgres.url", "must start with jdbc:postgresql:, got '" + Redaction.url(url) + "'");
        }
        p.positive("monitoring.postgres.batchSize", batchSize);
        p.positive("monitoring.postgres.flushInterval", flushInterval);
        p.positive("monitoring.postgres.maxQueued", maxQueued);
    }

    PostgresConfig redacted() {
        return new PostgresConfig(url == null ? null : Redaction.url(url), user, Redaction.mask(password), batchSize,
                flushInterval, maxQueued);
    }
}
