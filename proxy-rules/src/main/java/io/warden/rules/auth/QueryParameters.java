package io.warden.rules.auth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds and removes one parameter in a raw (percent-encoded) query. Names are compared decoded,
 * so {@code %74oken} is the {@code token} parameter too and cannot slip past.
 */
final class QueryParameters {

    private QueryParameters() {
    }

    /** The decoded values of {@code name}, in order; a malformed escape throws IllegalArgumentException. */
    static List<String> values(String rawQuery, String name) {
        List<String> values = new ArrayList<>(1);
        if (rawQuery == null || rawQuery.isEmpty()) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (name.equals(decode(key))) {
                values.add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return values;
    }

    /** The raw query without any {@code name} parameter, other pairs untouched; empty when none are left. */
    static String without(String rawQuery, String name) {
        StringBuilder out = new StringBuilder(rawQuery.length());
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (pair.isEmpty() || name.equals(decode(key))) {
                continue;
            }
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(pair);
        }
        return out.toString();
    }

    private static String decode(String raw) {
        return raw.indexOf('%') < 0 && raw.indexOf('+') < 0 ? raw : URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }
}
