package io.warden.rules.inspect.shell;

/**
 * Expands the shell variables a value assigns itself, the way a shell would before running it:
 * {@code c1=c;c2=at;$c1$c2 /etc/passwd} runs {@code cat /etc/passwd}. Splitting a command name
 * into variables is an evasion in its own right; a variable that is never assigned but sits
 * inside a word ({@code n$u\c}) expands to nothing. Bounded: a few dozen assignments, short values,
 * and output at most twice the input.
 */
final class VariableExpansion {

    private static final int MAX_VARIABLES = 32;
    private static final int MAX_VALUE = 64;
    private static final int MAX_NAME = 16;

    private final String[] names = new String[MAX_VARIABLES];
    private final String[] values = new String[MAX_VARIABLES];
    private int count;

    private VariableExpansion() {
    }

    /** {@code s} with its own variables expanded, or {@code s} itself when it uses none. */
    static String expand(String s) {
        if (s.indexOf('$') < 0) {
            return s;
        }
        VariableExpansion variables = new VariableExpansion();
        if (s.indexOf('=') >= 0) {
            ShellLine.split(s, (text, from, to, position) -> variables.collect(text, from, to));
        }
        return variables.substitute(s);
    }

    /** Records the {@code NAME=value} words a simple command starts with. */
    private void collect(String s, int from, int to) {
        int i = from;
        while (i < to && count < MAX_VARIABLES) {
            while (i < to && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
            int nameEnd = nameEnd(s, i, to);
            if (nameEnd == i || nameEnd >= to || s.charAt(nameEnd) != '=' || !isNameStart(s.charAt(i))) {
                return;
            }
            StringBuilder value = new StringBuilder();
            int j = nameEnd + 1;
            char quote = 0;
            while (j < to && value.length() <= MAX_VALUE) {
                char c = s.charAt(j);
                if (quote == 0 && (c == ' ' || c == '\t')) {
                    break;
                }
                if ((c == '\'' || c == '"') && (quote == 0 || quote == c)) {
                    quote = quote == 0 ? c : 0;
                    j++;
                    continue;
                }
                if (c == '\\' && j + 1 < to) {
                    j++;
                    c = s.charAt(j);
                }
                value.append(c);
                j++;
            }
            if (value.length() <= MAX_VALUE) {
                names[count] = s.substring(i, nameEnd);
                values[count] = value.toString();
                count++;
            }
            i = j;
        }
    }

    private String substitute(String s) {
        int n = s.length();
        StringBuilder out = null;
        int copied = 0;
        for (int i = s.indexOf('$'); i >= 0 && i + 1 < n; i = s.indexOf('$', i + 1)) {
            boolean braced = s.charAt(i + 1) == '{';
            int nameStart = braced ? i + 2 : i + 1;
            if (nameStart >= n || !isNameStart(s.charAt(nameStart))) {
                continue;
            }
            int nameEnd = nameEnd(s, nameStart, Math.min(n, nameStart + MAX_NAME));
            if (braced && (nameEnd >= n || s.charAt(nameEnd) != '}')) {
                continue;
            }
            String value = valueOf(s, nameStart, nameEnd);
            if (value == null && insideWord(s, i, nameEnd - nameStart)) {
                value = "";
            }
            if (value == null) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(n + MAX_VALUE);
            }
            if (out.length() + (i - copied) + value.length() > 2 * n + MAX_VALUE) {
                break;
            }
            out.append(s, copied, i).append(value);
            copied = braced ? nameEnd + 1 : nameEnd;
            i = copied - 1;
        }
        if (out == null) {
            return s;
        }
        return out.append(s, copied, n).toString();
    }

    private String valueOf(String s, int from, int to) {
        for (int k = count - 1; k >= 0; k--) {
            if (names[k].length() == to - from && s.startsWith(names[k], from)) {
                return values[k];
            }
        }
        return null;
    }

    /** A short lower-case variable right after a letter ({@code n$u\c}): a gap in a word, not a value. */
    private static boolean insideWord(String s, int dollar, int nameLength) {
        if (dollar == 0 || !Character.isLetter(s.charAt(dollar - 1)) || nameLength > 2) {
            return false;
        }
        for (int k = dollar + 1; k <= dollar + nameLength; k++) {
            if (!Character.isLowerCase(s.charAt(k)) && !Character.isDigit(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static int nameEnd(String s, int from, int to) {
        int i = from;
        while (i < to && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_') && s.charAt(i) < 0x80) {
            i++;
        }
        return i;
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }
}
