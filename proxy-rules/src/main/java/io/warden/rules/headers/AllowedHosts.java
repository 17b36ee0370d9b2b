package io.warden.rules.headers;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The {@code Host} names a site answers to: exact names and {@code *.domain} wildcards, ports ignored. */
final class AllowedHosts {

    private final Set<String> exact = new HashSet<>();
    private final List<String> suffixes = new ArrayList<>();

    AllowedHosts(List<String> patterns) {
        for (String pattern : patterns) {
            String p = pattern.trim().toLowerCase(Locale.ROOT);
            if (p.startsWith("*.")) {
                suffixes.add(p.substring(1));
            } else {
                exact.add(p);
            }
        }
    }

    boolean isEmpty() {
        return exact.isEmpty() && suffixes.isEmpty();
    }

    /** @param hostHeader the {@code Host} value as sent, port included; null when absent */
    boolean allows(String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        String host = withoutPort(hostHeader.trim()).toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (exact.contains(host)) {
            return true;
        }
        for (int i = 0; i < suffixes.size(); i++) {
            String suffix = suffixes.get(i);
            if (host.length() > suffix.length() && host.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    private static String withoutPort(String host) {
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? host : host.substring(0, close + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }
}
