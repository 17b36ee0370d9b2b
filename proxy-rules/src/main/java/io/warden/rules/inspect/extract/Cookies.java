package io.warden.rules.inspect.extract;

import java.util.function.BiConsumer;

/** Splits {@code Cookie} header values into name/value pairs ({@code a=1; b=2}). */
public final class Cookies {

    private Cookies() {
    }

    public static void forEach(String header, int maxCookies, BiConsumer<String, String> each) {
        int n = header.length();
        int start = 0;
        int seen = 0;
        while (start < n && seen < maxCookies) {
            int end = header.indexOf(';', start);
            if (end < 0) {
                end = n;
            }
            int eq = header.indexOf('=', start);
            String name;
            String value;
            if (eq < 0 || eq > end) {
                name = header.substring(start, end).trim();
                value = "";
            } else {
                name = header.substring(start, eq).trim();
                value = header.substring(eq + 1, end).trim();
            }
            if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
                value = value.substring(1, value.length() - 1);
            }
            if (!name.isEmpty() || !value.isEmpty()) {
                each.accept(name, value);
                seen++;
            }
            start = end + 1;
        }
    }
}
