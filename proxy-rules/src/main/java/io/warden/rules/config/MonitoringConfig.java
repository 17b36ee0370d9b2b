package io.warden.rules.config;

import java.time.Duration;

/**
 * @param enabled record security events (env {@code SECURITY_ENABLE_SECURITY_MONITORING}); off,
 *                the event log, threat tracker and alerts are not started
 * @param eventLogDir where the event log goes; null means {@code <dataDir>/events}
 * @param retentionDays days of event history kept
 * @param fsyncInterval how often the event log is forced to disk: a machine crash loses at most
 *                      this much of it (a process crash loses only what was not yet written)
 * @param alerts high-severity events posted to a webhook
 * @param threat per-address threat scoring and automatic escalation
 * @param postgres the fleet-wide audit trail in PostgreSQL (off without a url)
 */
public record MonitoringConfig(boolean enabled, String eventLogDir, int retentionDays, Duration fsyncInterval,
                               AlertsConfig alerts, ThreatConfig threat, PostgresConfig postgres) {

    public static MonitoringConfig defaults() {
        return new MonitoringConfig(true, null, 30, Duration.ofSeconds(1), AlertsConfig.defaults(),
                ThreatConfig.defaults(), PostgresConfig.defaults());
    }

    void validate(Problems p) {
        p.positive("monitoring.retentionDays", retentionDays);
        p.positive("monitoring.fsyncInterval", fsyncInterval);
        p.required("monitoring.alerts", alerts);
        if (alerts != null) {
            alerts.validate(p);
        }
        p.required("monitoring.threat", threat);
        if (threat != null) {
            threat.validate(p);
        }
        p.required("monitoring.postgres", postgres);
        if (postgres != null) {
            postgres.validate(p);
        }
    }

    MonitoringConfig redacted() {
        return new MonitoringConfig(enabled, eventLogDir, retentionDays, fsyncInterval,
                alerts == null ? null : alerts.redacted(), threat,
                postgres == null ? null : postgres.redacted());
    }
}
