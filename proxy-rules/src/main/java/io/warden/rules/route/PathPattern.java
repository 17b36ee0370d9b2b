package io.warden.rules.route;

import java.util.List;

/**
 * A route's path pattern, matched segment by segment against a normalised path: a literal segment
 * matches itself (case-insensitively), {@code *} any one segment, {@code **} any number of
 * segments including none. {@code /api/**} is a prefix, {@code /api/*}/{@code items} a one-level
 * wildcard, {@code /docs} exact. Matching reads segments in place and takes at most
 * path segments x pattern segments steps, whatever the number of {@code **}: a path cannot make a
 * pattern backtrack exponentially.
 */
public final class PathPattern {

    private static final String ONE = "*";
    private static final String ANY = "**";

    private final String text;
    private final String[] segments;
    /** The segment count every matching path has, or -1 when a {@code **} makes it vary. */
    private final int fixedCount;
    /** The fewest segments a matching path has: every segment but the {@code **}s. */
    private final int minCount;

    private PathPattern(String text, String[] segments) {
        this.text = text;
        this.segments = segments;
        int any = 0;
        for (String segment : segments) {
            if (segment.equals(ANY)) {
                any++;
            }
        }
        this.fixedCount = any == 0 ? segments.length : -1;
        this.minCount = segments.length - any;
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
        String normalized = PathNormalizer.normalize("/" + part);
        if (normalized == null || normalized.length() == 1 || normalized.indexOf('/', 1) >= 0) {
            throw new IllegalArgumentException("'" + part + "' is not a plain path segment in '" + pattern + "'");
        }
        return normalized.substring(1);
    }

    /**
     * Whether the pattern matches {@code path}, a path in matching form
     * ({@link PathNormalizer#matchingForm}): segments are read in place, empty ones skipped,
     * ASCII case folded.
     */
    public boolean matches(String path) {
        int n = path.length();
        int p = segmentStart(path, 0);
        int s = 0;
        // where to resume when a segment does not fit: just past the last ** seen, with that **
        // swallowing one more path segment. Only ever returning to the last ** is enough (any match
        // an earlier ** could make, the last one can too), which keeps the walk within
        // path segments x pattern segments steps instead of exponential in the number of **.
        int resumeS = -1;
        int resumeP = -1;
        while (p < n) {
            if (s < segments.length && segments[s].equals(ANY)) {
                resumeS = ++s;
                resumeP = p;
                continue;
            }
            int end = segmentEnd(path, p);
            if (s < segments.length && (segments[s].equals(ONE) || sameSegment(segments[s], path, p, end))) {
                s++;
                p = segmentStart(path, end);
            } else if (resumeS >= 0) {
                resumeP = segmentStart(path, segmentEnd(path, resumeP));
                p = resumeP;
                s = resumeS;
            } else {
                return false;
            }
        }
        while (s < segments.length && segments[s].equals(ANY)) {
            s++;
        }
        return s == segments.length;
    }

    /**
     * Whether a path of {@code count} segments could match: most patterns of a table fail on the
     * count alone, which costs nothing once the path's count is known.
     */
    public boolean admits(int count) {
        return fixedCount < 0 ? count >= minCount : count == fixedCount;
    }

    /** How many segments a path in matching form has (empty ones are not segments). */
    static int segmentCount(String path) {
        int count = 0;
        for (int at = segmentStart(path, 0); at < path.length(); at = segmentStart(path, segmentEnd(path, at))) {
            count++;
        }
        return count;
    }

    /** Where the segment at or after {@code from} starts: past any slashes; the length when none is left. */
    static int segmentStart(String path, int from) {
        int i = from;
        while (i < path.length() && path.charAt(i) == '/') {
            i++;
        }
        return i;
    }

    /** Where the segment starting at {@code start} ends. */
    static int segmentEnd(String path, int start) {
        int slash = path.indexOf('/', start);
        return slash < 0 ? path.length() : slash;
    }

    /** Whether {@code path[from, to)} is the lower-case {@code literal} up to ASCII case. */
    static boolean sameSegment(String literal, String path, int from, int to) {
        if (to - from != literal.length()) {
            return false;
        }
        for (int i = 0; i < literal.length(); i++) {
            char c = path.charAt(from + i);
            if ((c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) != literal.charAt(i)) {
                return false;
            }
        }
        return true;
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
