package io.warden.rules.inspect.shell;

import io.warden.rules.inspect.CharFinder;

/**
 * Removes what a shell removes before it runs a word, across the whole text: empty quote pairs,
 * backslashes before letters, special parameters that expand to nothing ({@code $@}, {@code $*},
 * {@code $$}-style noise) and empty substitutions. {@code c$$at /et$$c/pas$$swd} reads as
 * {@code cat /etc/passwd}. Returns the input itself when nothing changed.
 */
final class Deobfuscation {

    private Deobfuscation() {
    }

    /**
     * Removes the noise; the text itself when there is none. Candidates are found with the
     * vectorised {@link CharFinder}: most text has a '$' or a quote but no noise.
     *
     * @param symbols the {@link io.warden.rules.inspect.normalize.Symbols} census of {@code s}
     */
    static String clean(String s, long symbols) {
        int n = s.length();
        CharFinder candidates = new CharFinder(s, 0, n, "$\\'\"`", symbols);
        int first = candidates.next(0);
        while (first < n && noise(s, first, n) == 0) {
            first = candidates.next(first + 1);
        }
        if (first == n) {
            return s;
        }
        StringBuilder out = new StringBuilder(n);
        out.append(s, 0, first);
        for (int i = first; i < n; i++) {
            int skip = noise(s, i, n);
            if (skip > 0) {
                i += skip - 1;
            } else {
                out.append(s.charAt(i));
            }
        }
        return out.toString();
    }

    /** How many characters at {@code i} a shell drops inside a word, or 0. */
    private static int noise(String s, int i, int n) {
        char c = s.charAt(i);
        boolean letterBefore = i > 0 && Character.isLetter(s.charAt(i - 1));
        if (!letterBefore || i + 1 >= n) {
            return 0;
        }
        char d = s.charAt(i + 1);
        if (c == '$' && "@*$-_!?#".indexOf(d) >= 0) {
            return 2;
        }
        if (c == '$' && d == '{' && i + 2 < n && s.charAt(i + 2) == '}') {
            return 3;
        }
        if ((c == '\'' && d == '\'') || (c == '"' && d == '"') || (c == '`' && d == '`')) {
            return 2;
        }
        if (c == '\\' && Character.isLetter(d)) {
            return 1;
        }
        return 0;
    }
}
