package io.warden.rules.inspect.xss;

import io.warden.rules.inspect.WordTable;

import java.util.HashMap;
import java.util.Map;

/**
 * Just enough JavaScript syntax to tell code from prose: "alert(1)" and "x=document.cookie" are
 * code, "tag problem on your page" is not (two plain words in a row are a syntax error in
 * script). All scans are bounded in how far they look.
 */
final class ScriptSyntax {

    /** How far a plausibility check reads; code shows itself within the first tokens. */
    private static final int LOOKAHEAD = 256;

    /** Words after which another word is still code ({@code new Date}, {@code typeof x}). */
    private static final WordTable KEYWORDS = WordTable.of(keywords());

    private ScriptSyntax() {
    }

    /** Whether {@code s[from, to)} reads as script code rather than prose. */
    static boolean looksLikeCode(String s, int from, int to) {
        int end = Math.min(to, Math.min(s.length(), from + LOOKAHEAD));
        int i = from;
        boolean previousWord = false;
        boolean previousKeyword = false;
        while (i < end) {
            char c = s.charAt(i);
            if (c <= ' ') {
                i++;
                continue;
            }
            if (c == '/' && i + 1 < end && (s.charAt(i + 1) == '/' || s.charAt(i + 1) == '*')) {
                i = skipComment(s, i, end);
                continue;
            }
            if (isIdentifierStart(c)) {
                int wordEnd = identifierEnd(s, i, end);
                if (previousWord && !previousKeyword) {
                    return false;
                }
                int next = skipSpace(s, wordEnd, end);
                if (next < end) {
                    char after = s.charAt(next);
                    if (after == '(' || after == '`' || after == '[' || (after == '=' && !isAt(s, next, "=="))
                            || (after == '.' && next + 1 < end && isIdentifierStart(s.charAt(next + 1)))) {
                        return true;
                    }
                }
                previousWord = true;
                previousKeyword = KEYWORDS.lookup(s, i, wordEnd) != 0;
                i = wordEnd;
                continue;
            }
            if (c == '"' || c == '\'' || c == '`') {
                int close = i + 1;
                while (close < end && s.charAt(close) != c) {
                    close++;
                }
                i = Math.min(end, close + 1);
                previousWord = false;
                continue;
            }
            if (c == ';' || c == '{' || c == '}' || c == '(' || (c == '=' && isAt(s, i, "=>"))) {
                return true;
            }
            previousWord = false;
            i++;
        }
        return false;
    }

    /**
     * Whether the value opens with script that defines or binds code: {@code function name(},
     * {@code (function(}, {@code $("sel").on(function}. Such a value is code to run, not text.
     */
    static boolean startsWithFunctionCode(String s) {
        int i = skipSpace(s, 0, s.length());
        if (s.startsWith("(function", i)) {
            return true;
        }
        if (s.startsWith("function", i)) {
            int j = skipSpace(s, i + 8, s.length());
            if (j < s.length() && isIdentifierStart(s.charAt(j))) {
                j = skipSpace(s, identifierEnd(s, j, s.length()), s.length());
            }
            return j < s.length() && s.charAt(j) == '(' && s.indexOf('{', j) > 0;
        }
        if (s.startsWith("$(", i) || s.startsWith("jQuery(", i)) {
            int open = s.indexOf('(', i);
            int close = callEnd(s, open);
            return close > 0 && close < s.length() && s.charAt(close) == '.';
        }
        return false;
    }

    /** Whether {@code s[from, to)} opens with two plain words in a row: a sentence, not code. */
    static boolean looksLikeProse(String s, int from, int to) {
        int end = Math.min(to, Math.min(s.length(), from + LOOKAHEAD));
        int i = skipSpace(s, from, end);
        int words = 0;
        while (i < end && words < 2) {
            if (!isIdentifierStart(s.charAt(i))) {
                return false;
            }
            int wordEnd = identifierEnd(s, i, end);
            if (KEYWORDS.lookup(s, i, wordEnd) != 0) {
                return false;
            }
            words++;
            if (wordEnd < end && s.charAt(wordEnd) != ' ') {
                return words >= 2;
            }
            i = skipSpace(s, wordEnd, end);
        }
        return words >= 2;
    }

    /**
     * Whether the identifier at {@code at} sits where an expression may start: at the start of the
     * value, or after punctuation, a quote, an operator or a keyword such as {@code return}.
     * Prose puts a word there ("please confirm (yes)").
     */
    static boolean inExpressionPosition(String s, int at) {
        int i = at - 1;
        int floor = Math.max(0, at - 64);
        while (i >= floor) {
            char c = s.charAt(i);
            if (c <= ' ') {
                i--;
                continue;
            }
            if (c == '/' && i > 0 && s.charAt(i - 1) == '*') {
                int open = i - 2;
                while (open > floor && !(s.charAt(open - 1) == '/' && s.charAt(open) == '*')) {
                    open--;
                }
                if (open <= floor) {
                    return false;
                }
                i = open - 2;
                continue;
            }
            break;
        }
        if (i < floor) {
            return i < 0;
        }
        char c = s.charAt(i);
        if (isIdentifierPart(c)) {
            int start = i;
            while (start > floor && isIdentifierPart(s.charAt(start - 1))) {
                start--;
            }
            return KEYWORDS.lookup(s, start, i + 1) != 0;
        }
        if (c == '.') {
            return false;
        }
        return c != '\\' && c != '#' && c != '@';
    }

    /** Whether {@code s[at]} is preceded by a breakout: a quote, ';', '>' or a script URL scheme. */
    static boolean afterBreakout(String s, int at) {
        int i = at - 1;
        while (i >= 0 && s.charAt(i) <= ' ') {
            i--;
        }
        if (i < 0) {
            return false;
        }
        char c = s.charAt(i);
        return c == '"' || c == '\'' || c == '`' || c == ';' || c == '>' || c == ':' || c == '}' || c == '+'
                || c == '-' || c == '{';
    }

    /**
     * The end of a well-formed call's argument list starting at the '(' at {@code open}: the
     * index after ')', or the input's end when cut off there; -1 when the arguments read as prose
     * or the parentheses never balance before something that cannot be script.
     */
    static int callEnd(String s, int open) {
        int end = Math.min(s.length(), open + LOOKAHEAD * 4);
        int depth = 0;
        boolean previousWord = false;
        boolean previousKeyword = false;
        int i = open;
        while (i < end) {
            char c = s.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
                previousWord = false;
                i++;
                continue;
            }
            if (c == ')' || c == ']' || c == '}') {
                depth--;
                i++;
                if (depth == 0) {
                    return i;
                }
                previousWord = false;
                continue;
            }
            if (c == '"' || c == '\'' || c == '`') {
                int close = i + 1;
                while (close < end && s.charAt(close) != c) {
                    close++;
                }
                if (close >= end) {
                    return end >= s.length() ? s.length() : -1;
                }
                i = close + 1;
                previousWord = false;
                continue;
            }
            if (isIdentifierStart(c)) {
                int wordEnd = identifierEnd(s, i, end);
                if (previousWord && !previousKeyword) {
                    return -1;
                }
                previousWord = true;
                previousKeyword = KEYWORDS.lookup(s, i, wordEnd) != 0;
                i = wordEnd;
                continue;
            }
            if (c > ' ') {
                previousWord = false;
            }
            i++;
        }
        return i >= s.length() ? s.length() : -1;
    }

    /**
     * Whether what follows a call ends the expression rather than continuing a sentence: the end,
     * punctuation, or the next attribute of a tag ({@code onerror=alert(1) src=x}).
     */
    static boolean endsExpression(String s, int at) {
        int i = at;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        if (i >= s.length() || !isIdentifierPart(s.charAt(i))) {
            return true;
        }
        if (i == at) {
            return false;
        }
        int end = identifierEnd(s, i, s.length());
        return end < s.length() && s.charAt(end) == '=';
    }

    static int skipSpaceAndComments(String s, int at, int end) {
        int i = at;
        while (i < end) {
            char c = s.charAt(i);
            if (c <= ' ') {
                i++;
            } else if (c == '/' && i + 1 < end && s.charAt(i + 1) == '*') {
                i = skipComment(s, i, end);
            } else {
                return i;
            }
        }
        return i;
    }

    /** The index of the last non-whitespace character at or before {@code at}, or -1. */
    static int skipBackSpace(String s, int at) {
        int i = at;
        int floor = Math.max(-1, at - 64);
        while (i > floor && s.charAt(i) <= ' ') {
            i--;
        }
        return i;
    }

    static boolean isIdentifierStart(char c) {
        int l = c | 0x20;
        return (l >= 'a' && l <= 'z') || c == '_' || c == '$';
    }

    static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || (c >= '0' && c <= '9');
    }

    static int identifierEnd(String s, int from, int end) {
        int i = from + 1;
        while (i < end && isIdentifierPart(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipSpace(String s, int at, int end) {
        int i = at;
        while (i < end && s.charAt(i) <= ' ') {
            i++;
        }
        return i;
    }

    private static int skipComment(String s, int at, int end) {
        int i = at + 2;
        if (s.charAt(at + 1) == '/') {
            while (i < end && s.charAt(i) != '\n') {
                i++;
            }
            return Math.min(end, i + 1);
        }
        while (i + 1 < end && !(s.charAt(i) == '*' && s.charAt(i + 1) == '/')) {
            i++;
        }
        return i + 1 < end ? i + 2 : end;
    }

    private static boolean isAt(String s, int i, String text) {
        return s.startsWith(text, i);
    }

    private static Map<String, Integer> keywords() {
        Map<String, Integer> m = new HashMap<>();
        for (String k : new String[] {"var", "let", "const", "new", "return", "typeof", "void", "delete",
            "function", "throw", "in", "of", "instanceof", "await", "yield", "async", "case", "do", "else",
            "import", "export", "from", "class", "extends", "if", "while", "for", "javascript", "vbscript"}) {
            m.put(k, 1);
        }
        return m;
    }
}
