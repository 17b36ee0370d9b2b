package io.warden.rules.inspect.path;

/**
 * A value reduced to what a file system would see: every separator spelling becomes '/', runs of
 * separators collapse, letters are lower-cased, and the hexadecimal spellings {@code 0x2e} and
 * {@code 0x2f}/{@code 0x5c} used by traversal fuzzers become '.' and '/'.
 */
final class PathView {

    private PathView() {
    }

    static String of(String s) {
        int n = s.length();
        StringBuilder out = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '0' && i + 3 < n && (s.charAt(i + 1) | 0x20) == 'x') {
                char hex = hexSeparator(s.charAt(i + 2), s.charAt(i + 3));
                if (hex != 0) {
                    append(out, hex);
                    i += 4;
                    continue;
                }
            }
            append(out, map(c));
            i++;
        }
        return out.toString();
    }

    private static void append(StringBuilder out, char c) {
        if (c == '/' && out.length() > 0 && out.charAt(out.length() - 1) == '/') {
            return;
        }
        out.append(c);
    }

    /** '.', '/' or 0 for the two hex digits of {@code 0x2e}, {@code 0x2f}, {@code 0x5c}. */
    private static char hexSeparator(char a, char b) {
        int l = b | 0x20;
        if (a == '2' && l == 'e') {
            return '.';
        }
        if ((a == '2' && l == 'f') || (a == '5' && l == 'c')) {
            return '/';
        }
        return 0;
    }

    /**
     * What a file system makes of a character: separators and the characters traversal fuzzers
     * put where a separator goes (';' of {@code ..;/}, control characters, '%' left from broken
     * escapes, private-use code points from {@code %uF025}) are '/'.
     */
    private static char map(char c) {
        if (c >= 'A' && c <= 'Z') {
            return (char) (c + 32);
        }
        if (c == '\\' || c == ';' || c == '%' || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                || (c >= 0xe000 && c <= 0xf8ff) || c == '\ufffd') {
            return '/';
        }
        return c;
    }

    /**
     * The raw value read leniently, for traversal fuzzers' broken encodings ({@code %c0%qf},
     * {@code %%35%%63}, {@code %bg%qf}): every escape-like token and every character that is
     * neither a letter, digit, dot nor space becomes '/', so the names around them line up.
     */
    static String lenient(String raw) {
        int n = raw.length();
        StringBuilder out = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            char c = raw.charAt(i);
            if (c == '%') {
                int j = i + 1;
                if (j < n && (raw.charAt(j) | 0x20) == 'u' && j + 4 < n && isHex(raw, j + 1, 4)) {
                    j += 5;
                } else {
                    int k = 0;
                    while (j < n && k < 2 && Character.isLetterOrDigit(raw.charAt(j))) {
                        j++;
                        k++;
                    }
                }
                append(out, '/');
                i = j;
                continue;
            }
            if (c == '0' && i + 3 < n && (raw.charAt(i + 1) | 0x20) == 'x' && isHex(raw, i + 2, 2)) {
                append(out, '/');
                i += 4;
                continue;
            }
            char m = map(c);
            append(out, Character.isLetterOrDigit(m) || m == '.' || m == ' ' || m == '-' || m == '_' ? m : '/');
            i++;
        }
        return out.toString();
    }

    private static boolean isHex(String s, int from, int count) {
        for (int k = 0; k < count; k++) {
            if (Character.digit(s.charAt(from + k), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether the path is nothing but separators and dot segments ({@code /../}, {@code ..\}). */
    static boolean onlyDotsAndSeparators(String path) {
        boolean separator = false;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '/') {
                separator = true;
            } else if (c != '.' && c != ' ') {
                return false;
            }
        }
        return separator;
    }

    /** Whether only separators precede {@code at}: the path starts with its traversal. */
    static boolean onlySeparatorsBefore(String path, int at) {
        for (int i = 0; i < at; i++) {
            char c = path.charAt(i);
            if (c != '/' && c != ' ') {
                return false;
            }
        }
        return true;
    }
}
