package io.warden.rules.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** {@code block} rejects, {@code detect} only records (for safe rollout), {@code off} skips. */
public enum InspectionMode {
    BLOCK, DETECT, OFF;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static InspectionMode parse(String text) {
        if ("false".equalsIgnoreCase(text.trim())) {
            // YAML 1.1 reads an unquoted off as the boolean false
            return OFF;
        }
        for (InspectionMode m : values()) {
            if (m.wireName().equalsIgnoreCase(text.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("expected block, detect or off, got '" + text + "'");
    }
}
