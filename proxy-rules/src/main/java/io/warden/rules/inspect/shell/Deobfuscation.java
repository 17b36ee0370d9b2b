package io.warden.rules.inspect.shell;

/**
 * Removes what a shell removes before it runs a word, across the whole text: empty quote pairs,
 * backslashes before letters, special parameters that expand to nothing ({@code $@}, {@code $*},
 * {@code $$}-style noise) and empty substitutions. {@code c$$at /et$$c/pas$$swd} reads as
 * {@code cat /etc/passwd}. Returns the input itself when nothing changed.
 */
final class Deobfuscation {

    private Deobfuscation() {
    }

    /** Whether any of the noise {@link #clean} removes can be present (vectorised searches). */
    static boolean mayApply(String s) {
        return s.indexOf('$') >= 0 || s.indexOf('\\') >= 0 || s.contains("''") || s.contains("\"\"")
                || s.contains("``");
    }

    static String clean(String s) {
        StringBuilder out = null;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            int skip = c == '$' || c == '\\' || c == '\'' || c == '"' || c == '`' ? noise(s, i, n) : 0;
            if (skip > 0) {
                if (out == null) {
                    out = new StringBuilder(n);
                    out.append(s, 0, i);
                }
                i += skip - 1;
                continue;
            }
            if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
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
