package io.warden.rules.config;

/**
 * @param enabled record security events (env {@code SECURITY_ENABLE_SECURITY_MONITORING})
 * @param eventLogDir where the event log goes; null means {@code <dataDir>/events}
 * @param retentionDays days of event history kept
 */
public record MonitoringConfig(boolean enabled, String eventLogDir, int retentionDays) {

    public static MonitoringConfig defaults() {
        return new MonitoringConfig(true, null, 30);
    }

    void validate(Problems p) {
        p.positive("monitoring.retentionDays", retentionDays);
    }
}
