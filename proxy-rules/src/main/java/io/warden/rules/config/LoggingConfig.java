package io.warden.rules.config;

/**
 * @param format text or json, for every log line
 * @param accessLog one line per request
 */
public record LoggingConfig(LogFormat format, boolean accessLog) {

    public static LoggingConfig defaults() {
        return new LoggingConfig(LogFormat.TEXT, true);
    }

    void validate(Problems p) {
        p.required("logging.format", format);
    }
}
