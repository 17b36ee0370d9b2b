package io.warden.rules.websocket;

import java.util.Locale;

/**
 * Origins as RFC 6454 serialises them ({@code https://app.example.com}, {@code http://localhost:3000}),
 * compared in one canonical spelling: lower case, no default port. A browser sends exactly this
 * form on every WebSocket handshake, which is what makes an origin list a defence against
 * cross-site WebSocket hijacking.
 */
public final class Origins {

    private Origins() {
    }

    /**
     * The canonical form of a configured origin.
     *
     * @throws IllegalArgumentException naming what is wrong, for the config key's message
     */
    public static String normalize(String origin) {
        String canonical = canonicalOrNull(origin);
        if (canonical == null) {
            throw new IllegalArgumentException("expected an origin such as https://app.example.com (scheme, host, "
                    + "optional port, no path), got '" + origin + "'");
        }
        return canonical;
    }

    /** The canonical form of an {@code Origin} header, or null when it is not a valid http(s) origin. */
    public static String canonicalOrNull(String origin) {
        if (origin == null) {
            return null;
        }
        String o = origin.trim().toLowerCase(Locale.ROOT);
        int sep = o.indexOf("://");
        if (sep < 0) {
            return null;
        }
        String scheme = o.substring(0, sep);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return null;
        }
        String authority = o.substring(sep + 3);
        if (authority.isEmpty() || authority.indexOf('/') >= 0 || authority.indexOf('@') >= 0
                || authority.indexOf('?') >= 0 || authority.indexOf('#') >= 0) {
            return null;
        }
        int colon = authority.lastIndexOf(':');
        String host = authority;
        if (colon > authority.lastIndexOf(']')) {
            host = authority.substring(0, colon);
            String port = authority.substring(colon + 1);
            if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(port) > 65_535) {
                return null;
            }
            boolean defaultPort = scheme.equals("http") ? port.equals("80") : port.equals("443");
            if (!defaultPort) {
                host = host + ":" + Integer.parseInt(port);
            }
        }
        if (host.isEmpty() || host.startsWith(":")) {
            return null;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == ':'
                    || c == '[' || c == ']' || c == '_';
            if (!ok) {
                return null;
            }
        }
        return scheme + "://" + host;
    }
}
