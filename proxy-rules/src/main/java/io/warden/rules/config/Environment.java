package io.warden.rules.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where Warden runs; production turns every default to its strictest. */
public enum Environment {
    DEVELOPMENT, STAGING, PRODUCTION;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Environment parse(String text) {
        for (Environment e : values()) {
            if (e.wireName().equalsIgnoreCase(text.trim())) {
                return e;
            }
        }
        throw new IllegalArgumentException("expected development, staging or production, got '" + text + "'");
    }
}
