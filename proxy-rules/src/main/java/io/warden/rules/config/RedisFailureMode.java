package io.warden.rules.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What rate limiting does while the shared state (Redis) is lost: keep limiting locally, or refuse. */
public enum RedisFailureMode {
    OPEN, CLOSED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static RedisFailureMode parse(String text) {
        for (RedisFailureMode m : values()) {
            if (m.wireName().equalsIgnoreCase(text.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("expected open or closed, got '" + text + "'");
    }
}
