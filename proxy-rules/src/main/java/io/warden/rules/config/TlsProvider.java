package io.warden.rules.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Which TLS implementation terminates HTTPS: OpenSSL (BoringSSL) when it loads, or the JDK's. */
public enum TlsProvider {
    AUTO, OPENSSL, JDK;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static TlsProvider parse(String text) {
        for (TlsProvider p : values()) {
            if (p.wireName().equalsIgnoreCase(text.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("expected auto, openssl or jdk, got '" + text + "'");
    }
}
