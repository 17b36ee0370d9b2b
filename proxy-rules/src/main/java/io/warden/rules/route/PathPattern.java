package io.warden.rules.route;

import java.util.List;
import java.util.Locale;

/**
 * A route's path pattern, matched segment by segment against a normalised path: a literal segment
 * matches itself (case-insensitively), {@code *} any one segment, {@code **} any number of
 * segments including none. {@code /api/**} is a prefix, {@code /api/*}/{@code items} a one-level
 * wildcard, {@code /docs} exact. Matching is linear in the path length for patterns with at most
 * one {@code **}; more are matched by bounded backtracking over segments, never characters.
 */
public final class PathPattern {

    private static final String ONE = "*";
    private static final String ANY = "**";

    private final String text;
    private final String[] segments;

    private PathPattern(String text, String[] segments) {
        this.text = text;
        this.segments = segments;
    }

    /** @throws IllegalArgumentException when the pattern does not start with '/' or mixes '*' into a segment */
    public static PathPattern compile(String text) {
        if (text == null || !text.startsWith("/")) {
            throw new IllegalArgumentException("a path pattern starts with '/', got '" + text + "'");
        }
        List<String> parts = new java.util.ArrayList<>();
        for (String part : text.substring(1).split("/", -1)) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.contains("*") && !part.equals(ONE) && !part.equals(ANY)) {
                throw new IllegalArgumentException("'*' and '**' must be whole segments, got '" + text + "'");
            }
            parts.add(part.equals(ONE) || part.equals(ANY) ? part : normalizedLiteral(part, text));
        }
        return new PathPattern(text, parts.toArray(String[]::new));
    }

    private static String normalizedLiteral(String part, String pattern) {
        List<String> normalized = PathNormalizer.segments("/" + part);
        if (normalized == null || normalized.size() != 1) {
            throw new IllegalArgumentException("'" + part + "' is not a plain path segment in '" + pattern + "'");
        }
        return normalized.get(0).toLowerCase(Locale.ROOT);
    }

    public boolean matches(List<String> path) {
        return matches(path, 0, 0);
    }

    private boolean matches(List<String> path, int p, int s) {
        while (s < segments.length) {
            String segment = segments[s];
            if (segment.equals(ANY)) {
                if (s == segments.length - 1) {
                    return true;
                }
                for (int skip = p; skip <= path.size(); skip++) {
                    if (matches(path, skip, s + 1)) {
                        return true;
                    }
                }
                return false;
            }
            if (p >= path.size() || !segment.equals(ONE) && !segment.equals(path.get(p))) {
                return false;
            }
            p++;
            s++;
        }
        return p == path.size();
    }

    /** The first segment when it is a literal, else null: the route table indexes on it. */
    String firstLiteral() {
        if (segments.length == 0) {
            return "";
        }
        String first = segments[0];
        return first.equals(ONE) || first.equals(ANY) ? null : first;
    }

    @Override
    public String toString() {
        return text;
    }
}
