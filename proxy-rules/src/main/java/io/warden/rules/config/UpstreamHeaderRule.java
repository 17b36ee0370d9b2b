package io.warden.rules.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * What happens when the upstream already set a security header Warden also sets:
 * {@code replace} (Warden's policy wins, the default) or {@code keep} (the upstream's value stays).
 */
public enum UpstreamHeaderRule {
    REPLACE, KEEP;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static UpstreamHeaderRule parse(String text) {
        for (UpstreamHeaderRule r : values()) {
            if (r.wireName().equalsIgnoreCase(text.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("expected replace or keep, got '" + text + "'");
    }
}
