package io.warden.rules.auth;

import io.warden.rules.pipeline.HeaderView;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The identity headers the data plane removes from every client request, whatever the route:
 * backends and auth proxies trust them as "already authenticated", so a client must never be able
 * to send them. Entries ending in {@code *} are prefixes. {@code X-Warden-*} is always included,
 * so Warden's own identity headers only ever come from Warden. Immutable and thread-safe.
 */
public final class IdentityHeaders {

    static final String OWN_PREFIX = "x-warden-";

    private final Set<String> names;
    private final List<String> prefixes;
    /** First letters any listed name or prefix starts with: most headers are ruled out without a copy. */
    private final boolean[] firstLetters = new boolean[128];

    private IdentityHeaders(Set<String> names, List<String> prefixes) {
        this.names = names;
        this.prefixes = prefixes;
        for (String name : names) {
            mark(name);
        }
        for (String prefix : prefixes) {
            mark(prefix);
        }
    }

    private void mark(String lowerCase) {
        if (lowerCase.isEmpty()) {
            java.util.Arrays.fill(firstLetters, true);
            return;
        }
        char c = lowerCase.charAt(0);
        if (c < 128) {
            firstLetters[c] = true;
            firstLetters[Character.toUpperCase(c)] = true;
        }
    }

    /** @param configured {@code auth.identityHeaders} */
    public static IdentityHeaders of(List<String> configured) {
        Set<String> names = new HashSet<>();
        List<String> prefixes = new ArrayList<>();
        prefixes.add(OWN_PREFIX);
        for (String entry : configured) {
            String e = entry.trim().toLowerCase(Locale.ROOT);
            if (e.endsWith("*")) {
                String prefix = e.substring(0, e.length() - 1);
                if (!prefixes.contains(prefix)) {
                    prefixes.add(prefix);
                }
            } else {
                names.add(e);
            }
        }
        return new IdentityHeaders(Set.copyOf(names), List.copyOf(prefixes));
    }

    public boolean matches(CharSequence headerName) {
        if (headerName.length() == 0) {
            return false;
        }
        char first = headerName.charAt(0);
        if (first < 128 && !firstLetters[first]) {
            return false;
        }
        String name = headerName.toString().toLowerCase(Locale.ROOT);
        if (names.contains(name)) {
            return true;
        }
        for (int i = 0; i < prefixes.size(); i++) {
            if (name.startsWith(prefixes.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** The names of this request's headers that must be removed before it is forwarded. */
    public List<String> present(HeaderView headers) {
        List<String> found = new ArrayList<>(0);
        headers.forEach((name, value) -> {
            if (matches(name) && !found.contains(name)) {
                found.add(name);
            }
        });
        return found;
    }
}
