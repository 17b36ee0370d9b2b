package io.warden.rules.ratelimit.login;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Recognises the login endpoints however the path is spelled: the upstream (Starlette) decodes
 * percent-escapes before routing, so {@code /api/auth/%6cogin} reaches the same handler and must
 * count the same. Duplicate slashes, dot segments and a trailing slash are folded too.
 */
public final class LoginPaths {

    private final Set<String> paths;

    public LoginPaths(Collection<String> paths) {
        Set<String> normal = new HashSet<>();
        for (String p : paths) {
            normal.add(normalise(p));
        }
        this.paths = Set.copyOf(normal);
    }

    public boolean matches(String rawPath) {
        return !paths.isEmpty() && paths.contains(normalise(rawPath));
    }

    static String normalise(String raw) {
        String decoded = decode(raw);
        List<String> segments = new ArrayList<>();
        for (String s : decoded.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (!segments.isEmpty()) {
                    segments.remove(segments.size() - 1);
                }
                continue;
            }
            segments.add(s);
        }
        return "/" + String.join("/", segments);
    }

    private static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        int i = 0;
        while (i < raw.length()) {
            int c = raw.codePointAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    out.write(hi << 4 | lo);
                    i += 3;
                    continue;
                }
            }
            byte[] bytes = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
            out.write(bytes, 0, bytes.length);
            i += Character.charCount(c);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
