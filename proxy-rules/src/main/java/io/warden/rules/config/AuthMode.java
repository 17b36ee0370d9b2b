package io.warden.rules.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * How a route treats bearer tokens: {@code none} ignores them, {@code optional} verifies one when
 * sent (a bad one is refused, no token means anonymous), {@code required} refuses requests without
 * a valid one.
 */
public enum AuthMode {
    NONE, OPTIONAL, REQUIRED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static AuthMode parse(String text) {
        for (AuthMode m : values()) {
            if (m.wireName().equalsIgnoreCase(text.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("expected none, optional or required, got '" + text + "'");
    }
}
