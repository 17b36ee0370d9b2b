package io.warden.rules.inspect.shell;

import io.warden.rules.inspect.Rule;

/**
 * Windows batch syntax that prose never writes: {@code IF [NOT] EXIST|DEFINED|ERRORLEVEL ...},
 * comparisons with {@code ==}/{@code EQU}/{@code GEQ}, {@code FOR /F ... IN (...) DO}, and
 * {@code %VAR%} / {@code %%G} variables next to them.
 */
final class WindowsBatch {

    private static final String[] IF_OPERANDS = {"exist", "defined", "errorlevel", "cmdextversion", "/i"};
    private static final String[] COMPARISONS = {"==", " equ ", " neq ", " lss ", " leq ", " gtr ", " geq "};

    private WindowsBatch() {
    }

    static void scan(String s, CommandInjectionDetector.Scores scores) {
        int at = firstWord(s);
        if (at < 0) {
            return;
        }
        if (startsWithWord(s, at, "if")) {
            int next = skipSpace(s, at + 2);
            if (startsWithWord(s, next, "not")) {
                next = skipSpace(s, next + 3);
            }
            for (String operand : IF_OPERANDS) {
                if (startsWithWord(s, next, operand)) {
                    scores.raise(Rule.CMDI_WINDOWS, 8, at);
                    return;
                }
            }
            String lower = s.toLowerCase(java.util.Locale.ROOT);
            for (String comparison : COMPARISONS) {
                if (lower.indexOf(comparison, next) > 0 && (s.indexOf('%') >= 0 || s.indexOf('"') >= 0
                        || lower.contains(" echo ") || lower.contains(" goto ") || lower.contains("cmd"))) {
                    scores.raise(Rule.CMDI_WINDOWS, 8, at);
                    return;
                }
            }
        }
        if (startsWithWord(s, at, "for")) {
            int next = skipSpace(s, at + 3);
            String lower = s.toLowerCase(java.util.Locale.ROOT);
            boolean variable = next < s.length() && (s.charAt(next) == '%' || s.charAt(next) == '/');
            if (variable && lower.contains(" in ") && (lower.contains(" do ") || lower.contains(")do "))) {
                scores.raise(Rule.CMDI_WINDOWS, 8, at);
            }
        }
    }

    /** The start of the first word after separators a payload puts first ({@code & }, {@code | }). */
    private static int firstWord(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '&' || s.charAt(i) == '|'
                || s.charAt(i) == ';' || s.charAt(i) == '@')) {
            i++;
        }
        return i < s.length() ? i : -1;
    }

    private static boolean startsWithWord(String s, int at, String word) {
        int end = at + word.length();
        return s.regionMatches(true, at, word, 0, word.length())
                && (end >= s.length() || s.charAt(end) == ' ' || s.charAt(end) == '\t' || s.charAt(end) == '(');
    }

    private static int skipSpace(String s, int at) {
        int i = at;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
