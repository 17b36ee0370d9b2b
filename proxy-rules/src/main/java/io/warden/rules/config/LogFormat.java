package io.warden.rules.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How log lines are written: plain text for people, JSON for log shippers. */
public enum LogFormat {
    TEXT, JSON;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static LogFormat parse(String text) {
        for (LogFormat f : values()) {
            if (f.wireName().equalsIgnoreCase(text.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("expected text or json, got '" + text + "'");
    }
}
