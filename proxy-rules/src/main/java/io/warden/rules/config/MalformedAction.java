package io.warden.rules.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * What a WebSocket message that breaks its channel's format (not JSON on a JSON channel) does:
 * {@code close} ends the connection with 1003, {@code drop} discards the message and counts a
 * violation against the connection.
 */
public enum MalformedAction {
    CLOSE, DROP;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static MalformedAction parse(String text) {
        for (MalformedAction a : values()) {
            if (a.wireName().equalsIgnoreCase(text.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("expected close or drop, got '" + text + "'");
    }
}
