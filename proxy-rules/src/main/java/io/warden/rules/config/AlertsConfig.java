package io.warden.rules.config;

import io.warden.rules.events.ThreatLevel;

import java.net.URI;
import java.time.Duration;

/**
 * @param webhookUrl where alerts are posted as JSON; null turns alerts off
 * @param minLevel the least severe event that alerts
 * @param batchInterval events are collected this long and posted together
 * @param maxBatch the most events in one post; more wait for the next
 * @param maxPerMinute the most posts a minute, so an attack cannot flood the receiver; events
 *                     past what fits are dropped and counted
 * @param maxQueued events waiting to be posted; past it new ones are dropped and counted
 * @param retries how often a failed post is tried again (backing off from one second)
 * @param timeout for one post, connection included
 */
public record AlertsConfig(String webhookUrl, ThreatLevel minLevel, Duration batchInterval, int maxBatch,
                           int maxPerMinute, int maxQueued, int retries, Duration timeout) {

    public static AlertsConfig defaults() {
        return new AlertsConfig(null, ThreatLevel.HIGH, Duration.ofSeconds(5), 100, 12, 10_000, 3,
                Duration.ofSeconds(10));
    }

    public boolean enabled() {
        return webhookUrl != null;
    }

    void validate(Problems p) {
        if (webhookUrl != null) {
            p.check("monitoring.alerts.webhookUrl", () -> {
                URI uri;
                try {
                    uri = URI.create(webhookUrl);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("is not a URL: '" + Redaction.url(webhookUrl) + "'");
                }
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new IllegalArgumentException("must be an http:// or https:// URL, got '"
                            + Redaction.url(webhookUrl) + "'");
                }
            });
        }
        p.required("monitoring.alerts.minLevel", minLevel);
        p.positive("monitoring.alerts.batchInterval", batchInterval);
        p.positive("monitoring.alerts.maxBatch", maxBatch);
        p.positive("monitoring.alerts.maxPerMinute", maxPerMinute);
        p.positive("monitoring.alerts.maxQueued", maxQueued);
        if (retries < 0) {
            p.add("monitoring.alerts.retries", "must be 0 or more, got " + retries);
        }
        p.positive("monitoring.alerts.timeout", timeout);
    }

    AlertsConfig redacted() {
        return new AlertsConfig(webhookUrl == null ? null : Redaction.url(webhookUrl), minLevel, batchInterval,
                maxBatch, maxPerMinute, maxQueued, retries, timeout);
    }
}
