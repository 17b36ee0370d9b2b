package io.warden.rules.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Which rate-limit headers limited responses carry: {@code draft} is the IETF httpapi draft's
 * {@code RateLimit-Policy} and {@code RateLimit} pair, {@code legacy} the widespread
 * {@code X-RateLimit-Limit/Remaining/Reset} trio, {@code both} or {@code none}.
 */
public enum RateLimitHeaderStyle {
    DRAFT, LEGACY, BOTH, NONE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static RateLimitHeaderStyle parse(String text) {
        for (RateLimitHeaderStyle s : values()) {
            if (s.wireName().equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("expected draft, legacy, both or none, got '" + text + "'");
    }

    public boolean draft() {
        return this == DRAFT || this == BOTH;
    }

    public boolean legacy() {
        return this == LEGACY || this == BOTH;
    }
}
