package io.warden.rules.inspect.extract;

import java.util.Locale;

/** The body formats inspection understands, read from a {@code Content-Type}. */
public enum MediaType {
    JSON, FORM, MULTIPART, TEXT, OTHER;

    public static MediaType of(String contentType) {
        if (contentType == null) {
            return OTHER;
        }
        int semi = contentType.indexOf(';');
        String type = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        if (type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"))) {
            return JSON;
        }
        if (type.equals("application/x-www-form-urlencoded")) {
            return FORM;
        }
        if (type.equals("multipart/form-data")) {
            return MULTIPART;
        }
        if (type.startsWith("text/") || type.equals("application/xml") || type.endsWith("+xml")
                || type.equals("application/graphql")) {
            return TEXT;
        }
        return OTHER;
    }

    /** A {@code Content-Type} parameter such as {@code boundary} or {@code charset}, or null. */
    public static String parameter(String contentType, String name) {
        if (contentType == null) {
            return null;
        }
        int at = 0;
        while ((at = contentType.indexOf(';', at)) >= 0) {
            at++;
            int eq = contentType.indexOf('=', at);
            if (eq < 0) {
                return null;
            }
            int end = contentType.indexOf(';', eq);
            if (end < 0) {
                end = contentType.length();
            }
            if (contentType.substring(at, eq).trim().equalsIgnoreCase(name)) {
                String value = contentType.substring(eq + 1, end).trim();
                if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
                    value = value.substring(1, value.length() - 1);
                }
                return value;
            }
        }
        return null;
    }
}
