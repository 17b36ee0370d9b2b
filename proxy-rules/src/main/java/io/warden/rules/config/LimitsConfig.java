package io.warden.rules.config;

/** @param maxRequestBodyBytes the largest request body accepted (413 past it) */
public record LimitsConfig(long maxRequestBodyBytes) {

    public static LimitsConfig defaults() {
        return new LimitsConfig(10L * 1024 * 1024);
    }

    void validate(Problems p) {
        p.positive("limits.maxRequestBodyBytes", maxRequestBodyBytes);
    }
}
