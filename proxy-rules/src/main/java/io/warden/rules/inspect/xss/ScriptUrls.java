package io.warden.rules.inspect.xss;

import io.warden.rules.inspect.FindingSink;
import io.warden.rules.inspect.Rule;

/**
 * URLs that run script when followed: {@code javascript:}, {@code vbscript:},
 * {@code livescript:} (whitespace and control characters inside the scheme are ignored, as
 * browsers do: {@code java&#09;script:}), and {@code data:} URLs of HTML, SVG, XML or script.
 */
final class ScriptUrls {

    private static final String[] SCRIPT_SCHEMES = {"javascript", "vbscript", "livescript", "mocha"};
    private static final String[] ACTIVE_DATA_TYPES = {"text/html", "image/svg+xml", "text/xml",
        "application/xhtml+xml", "text/javascript", "application/javascript", "application/x-javascript",
        "text/vbscript", "application/x-shockwave-flash"};

    private ScriptUrls() {
    }

    /** Scheme occurrences scored per value; a value repeating one a million times gains nothing. */
    private static final int MAX_CANDIDATES = 32;

    static void scan(String s, FindingSink sink) {
        int colon = s.indexOf(':');
        int best = 0;
        int bestAt = 0;
        int candidates = 0;
        while (colon >= 0 && best < 10 && candidates < MAX_CANDIDATES) {
            int schemeStart = schemeEndingAt(s, colon);
            if (schemeStart >= 0) {
                candidates++;
                int score = scoreScript(s, colon, schemeStart);
                if (score > best) {
                    best = score;
                    bestAt = schemeStart;
                }
            } else if (endsWithData(s, colon)) {
                candidates++;
                int score = scoreData(s, colon);
                if (score > best) {
                    best = score;
                    bestAt = colon - 4;
                }
            }
            colon = s.indexOf(':', colon + 1);
        }
        if (best > 0) {
            sink.report(Rule.XSS_SCRIPT_URL, best, s, bestAt);
        }
    }

    /**
     * Script schemes: 10 followed by code; 8 for VBScript-like schemes, for a scheme split by
     * whitespace or control characters ({@code java&#09;script:}) and inside a tag; 7 when it opens
     * the value or a quoted string and prose does not follow; 4 for "JavaScript: a sentence".
     */
    private static int scoreScript(String s, int colon, int schemeStart) {
        if ((s.charAt(schemeStart) | 0x20) != 'j') {
            return 8;
        }
        int end = Math.min(s.length(), colon + 512);
        int stop = colon + 1;
        while (stop < end && s.charAt(stop) != '"' && s.charAt(stop) != '>' && s.charAt(stop) != '\'') {
            stop++;
        }
        if (ScriptSyntax.looksLikeCode(s, colon + 1, Math.max(stop, Math.min(end, colon + 1)))) {
            return 10;
        }
        if (colon - schemeStart > "javascript".length() || insideTag(s, schemeStart)) {
            return 8;
        }
        boolean opens = schemeStart == 0 || "\"'`=(".indexOf(s.charAt(schemeStart - 1)) >= 0;
        return opens && !ScriptSyntax.looksLikeProse(s, colon + 1, stop) ? 7 : 4;
    }

    /** The start of a script scheme whose ':' is at {@code colon}, or -1. */
    private static int schemeEndingAt(String s, int colon) {
        for (String scheme : SCRIPT_SCHEMES) {
            int i = colon - 1;
            int k = scheme.length() - 1;
            int floor = Math.max(0, colon - 64);
            while (i >= floor && k >= 0) {
                char c = s.charAt(i);
                if (TagReader.isSpace(c) && k < scheme.length() - 1) {
                    i--;
                    continue;
                }
                if ((c | 0x20) != scheme.charAt(k)) {
                    break;
                }
                i--;
                k--;
            }
            if (k < 0 && (i < 0 || !Character.isLetterOrDigit(s.charAt(i)))) {
                return i + 1;
            }
        }
        return -1;
    }

    private static boolean endsWithData(String s, int colon) {
        return colon >= 4 && s.regionMatches(true, colon - 4, "data", 0, 4)
                && (colon == 4 || !Character.isLetterOrDigit(s.charAt(colon - 5)));
    }

    private static int scoreData(String s, int colon) {
        int i = colon + 1;
        while (i < s.length() && s.charAt(i) <= ' ') {
            i++;
        }
        for (String type : ACTIVE_DATA_TYPES) {
            if (s.regionMatches(true, i, type, 0, type.length())) {
                return 8;
            }
        }
        if (i < s.length() && s.charAt(i) == ',') {
            return ScriptSyntax.looksLikeCode(s, i + 1, s.length()) ? 8 : insideTag(s, colon) ? 6 : 0;
        }
        return 0;
    }

    /** Whether {@code at} lies within a tag's attributes: a '<' before it with no '>' between. */
    private static boolean insideTag(String s, int at) {
        for (int i = at - 1, floor = Math.max(0, at - 512); i >= floor; i--) {
            char c = s.charAt(i);
            if (c == '>') {
                return false;
            }
            if (c == '<') {
                return true;
            }
        }
        return false;
    }
}
