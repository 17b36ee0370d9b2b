package io.warden.rules.config;

/** Spellings of secrets that are safe to print: whether one is set and how long, never the value. */
public final class Redaction {

    private Redaction() {
    }

    public static String mask(String secret) {
        return secret == null ? null : "<set, " + secret.length() + " characters>";
    }

    /** A URL with any user-info (e.g. a Redis password) replaced. */
    public static String url(String url) {
        url = url.replaceAll("(?i)(password=)[^&;]*", "$1<credentials>");
        int scheme = url.indexOf("://");
        int at = url.indexOf('@');
        if (scheme < 0 || at < scheme) {
            return url;
        }
        return url.substring(0, scheme + 3) + "<credentials>" + url.substring(at);
    }
}
