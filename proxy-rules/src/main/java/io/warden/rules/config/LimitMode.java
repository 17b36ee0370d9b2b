package io.warden.rules.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * How a limit acts: {@code enforce} rejects, {@code detect} records events and sends headers as if
 * it enforced but lets the request pass (to size limits on real traffic), {@code off} skips it.
 */
public enum LimitMode {
    ENFORCE, DETECT, OFF;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static LimitMode parse(String text) {
        if ("false".equalsIgnoreCase(text.trim())) {
            // YAML 1.1 reads an unquoted off as the boolean false
            return OFF;
        }
        for (LimitMode m : values()) {
            if (m.wireName().equalsIgnoreCase(text.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("expected enforce, detect or off, got '" + text + "'");
    }
}
