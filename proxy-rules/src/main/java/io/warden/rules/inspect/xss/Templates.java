package io.warden.rules.inspect.xss;

import io.warden.rules.inspect.FindingSink;
import io.warden.rules.inspect.Rule;

/**
 * Template expressions that evaluate on a server or in a client framework: arithmetic between
 * literals inside {@code {{ }}}, {@code ${ }}, {@code #{ }} or {@code <%= %>} is the classic
 * probe ({@code {{7*7}}}), and template statements ({@code {% for %}}) reach the engine. A
 * placeholder such as {@code {{first_name}}} is neither.
 */
final class Templates {

    private static final int MAX_EXPRESSION = 64;

    private Templates() {
    }

    static void scan(String s, FindingSink sink) {
        int i = 0;
        int n = s.length();
        while (i < n - 2) {
            int open = nextOpener(s, i);
            if (open < 0) {
                return;
            }
            int contentStart = open + (s.charAt(open) == '{' && s.charAt(open + 1) == '{' ? 2
                    : s.charAt(open) == '<' ? 3 : 2);
            if (dunder(s, contentStart)) {
                sink.report(Rule.CMDI_TEMPLATE, 8, s, open);
                return;
            }
            int close = closer(s, contentStart);
            if (close >= 0 && (s.charAt(open + 1) == '%' && s.charAt(open) == '{'
                    ? isStatement(s, contentStart, close) : isLiteralArithmetic(s, contentStart, close))) {
                sink.report(Rule.CMDI_TEMPLATE, 7, s, open);
                return;
            }
            i = open + 2;
        }
    }

    private static final String[] DUNDERS = {"__class__", "__subclasses__", "__globals__", "__builtins__",
        "__mro__", "__base__", "__init__", "__import__", "subclasses", "getruntime"};

    /**
     * Python/Java object-graph walking inside a template ({@code {{''.__class__.__mro__}}}): a
     * sandbox escape. The expression ends at a brace either way, so a flood of openers reads each
     * character once.
     */
    private static boolean dunder(String s, int from) {
        StringBuilder compact = new StringBuilder(MAX_EXPRESSION * 2);
        for (int i = from, end = Math.min(s.length(), from + MAX_EXPRESSION * 4); i < end; i++) {
            char c = s.charAt(i);
            if (c == '}' || c == '{') {
                break;
            }
            if (c != ' ') {
                compact.append(Character.toLowerCase(c));
            }
        }
        for (String d : DUNDERS) {
            if (compact.indexOf(d) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The next {@code {{}, {@code ${}, {@code #{}, {@code {%} or {@code <%=} at or after {@code from}. */
    private static int nextOpener(String s, int from) {
        for (int i = from, n = s.length() - 1; i < n; i++) {
            char c = s.charAt(i);
            char d = s.charAt(i + 1);
            if ((c == '{' && (d == '{' || d == '%')) || ((c == '$' || c == '#') && d == '{')
                    || (c == '<' && d == '%' && i + 2 < s.length() && s.charAt(i + 2) == '=')) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the first '}' or '%' closing the expression within reach, or -1 (also at a new '{'). */
    private static int closer(String s, int from) {
        for (int i = from, end = Math.min(s.length(), from + MAX_EXPRESSION); i < end; i++) {
            char c = s.charAt(i);
            if (c == '{') {
                return -1;
            }
            if (c == '}' || (c == '%' && i + 1 < s.length() && (s.charAt(i + 1) == '}' || s.charAt(i + 1) == '>'))) {
                return i;
            }
        }
        return -1;
    }

    /** {@code 7*7}, {@code 4+4}, {@code 7*'7'}: literals joined by arithmetic, nothing else. */
    private static boolean isLiteralArithmetic(String s, int from, int to) {
        int literals = 0;
        int operators = 0;
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (c == ' ') {
                i++;
            } else if (Character.isDigit(c)) {
                while (i < to && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                    i++;
                }
                literals++;
            } else if (c == '\'' || c == '"') {
                int close = i + 1;
                while (close < to && s.charAt(close) != c) {
                    close++;
                }
                if (close >= to) {
                    return false;
                }
                i = close + 1;
                literals++;
            } else if (c == '*' || c == '+' || c == '-' || c == '/' || c == '%') {
                operators++;
                i++;
            } else {
                return false;
            }
        }
        return literals >= 2 && operators >= 1;
    }

    /** {@code {% for ... %}}, {@code {% import ... %}}: a template statement. */
    private static boolean isStatement(String s, int from, int to) {
        int i = from;
        while (i < to && s.charAt(i) == ' ') {
            i++;
        }
        for (String keyword : new String[] {"for", "if", "set", "import", "include", "extends", "macro", "exec"}) {
            if (s.regionMatches(true, i, keyword, 0, keyword.length())
                    && i + keyword.length() < to && s.charAt(i + keyword.length()) == ' ') {
                return true;
            }
        }
        return false;
    }
}
