package io.warden.rules.inspect.xss;

import io.warden.rules.inspect.Texts;
import io.warden.rules.inspect.normalize.Symbols;

/**
 * CSS that runs script or pulls in foreign code: IE's {@code expression()} and {@code behavior},
 * Firefox's {@code -moz-binding}, {@code url(javascript:...)} and {@code @import}. CSS escapes,
 * comments and whitespace are removed first ({@code exp\72ession}, {@code expr/**}{@code /ession}).
 */
final class Css {

    private static final int MAX_READ = 4096;
    private static final String[] ACTIVE = {"expression(", "javascript:", "vbscript:", "behavior:", "behaviour:",
        "-moz-binding", "@import"};

    private Css() {
    }

    static boolean isActive(String s, int from, int to) {
        int end = Math.min(to, from + MAX_READ);
        StringBuilder compact = new StringBuilder(Math.max(0, end - from));
        int i = from;
        while (i < end) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < end && s.charAt(i + 1) == '*') {
                int close = i + 2;
                while (close + 1 < end && !(s.charAt(close) == '*' && s.charAt(close + 1) == '/')) {
                    close++;
                }
                i = close + 1 < end ? close + 2 : end;
                continue;
            }
            if (c == '\\' && i + 1 < end && isHex(s.charAt(i + 1))) {
                int j = i + 1;
                int code = 0;
                while (j < end && j < i + 7 && isHex(s.charAt(j))) {
                    code = code * 16 + Character.digit(s.charAt(j), 16);
                    j++;
                }
                if (code > 0x20 && code < 0x7f) {
                    compact.append(Character.toLowerCase((char) code));
                }
                i = j;
                continue;
            }
            if (c > ' ' && c != '\\' && c != '"' && c != '\'') {
                compact.append(Character.toLowerCase(c));
            }
            i++;
        }
        for (String active : ACTIVE) {
            if (compact.indexOf(active) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Injected CSS that is no script yet still acts: it loads a resource ({@code url(}), breaks out
     * of the declaration block ({@code } {}), binds behaviour, or hides text with escapes.
     */
    static boolean isInjection(String s, int from, int to) {
        for (int i = from, end = Math.min(to, from + MAX_READ); i < end; i++) {
            char c = s.charAt(i);
            if (c == '{' || c == '}' || (c == '\\' && i + 1 < end && isHex(s.charAt(i + 1)))
                    || (c == '/' && i + 1 < end && s.charAt(i + 1) == '*')) {
                return true;
            }
            if ((c == 'u' || c == 'U') && s.regionMatches(true, i, "url(", 0, 4)) {
                return true;
            }
            if ((c == 'b' || c == 'B') && s.regionMatches(true, i, "binding", 0, 7)) {
                return true;
            }
        }
        return false;
    }

    private static final Texts.Needle EXPRESSION = Texts.Needle.of("expression");
    private static final Texts.Needle MOZ_BINDING = Texts.Needle.of("-moz-binding");
    private static final Texts.Needle URL = Texts.Needle.of("url(");

    /**
     * CSS script outside any tag, as injected into a style attribute: {@code x:expression(...)}
     * (also {@code expression\28}), {@code -moz-binding:}, {@code behavior:url(}.
     */
    static void scanText(String s, long symbols, io.warden.rules.inspect.FindingSink sink) {
        boolean paren = Symbols.mayHold(symbols, '(') || Symbols.mayHold(symbols, '\\')
                || (Symbols.mayHold(symbols, '*') && s.contains("/*"));
        // An expression counts only after a ':'.
        int at = paren && Symbols.mayHold(symbols, ':') ? Texts.indexOfIgnoreCase(s, EXPRESSION, 0, s.length()) : -1;
        while (at >= 0) {
            int before = at - 1;
            while (before >= 0 && s.charAt(before) <= ' ') {
                before--;
            }
            int after = at + "expression".length();
            while (after < s.length() && s.charAt(after) <= ' ') {
                after++;
            }
            boolean opens = after < s.length() && (s.charAt(after) == '('
                    || s.startsWith("\\28", after) || s.startsWith("\\0028", after) || s.startsWith("/*", after));
            if (before >= 0 && s.charAt(before) == ':' && opens) {
                sink.report(io.warden.rules.inspect.Rule.XSS_STYLE, 8, s, at);
                return;
            }
            at = Texts.indexOfIgnoreCase(s, EXPRESSION, at + 1, s.length());
        }
        if (Symbols.mayHold(symbols, '-') && Texts.indexOfIgnoreCase(s, MOZ_BINDING, 0, s.length()) >= 0) {
            sink.report(io.warden.rules.inspect.Rule.XSS_STYLE, 8, s, 0);
            return;
        }
        if (!paren) {
            return;
        }
        for (int url = Texts.indexOfIgnoreCase(s, URL, 0, s.length()); url >= 0;
                url = Texts.indexOfIgnoreCase(s, URL, url + 4, s.length())) {
            int j = url + 4;
            while (j < s.length() && (s.charAt(j) <= ' ' || s.charAt(j) == '"' || s.charAt(j) == '\'')) {
                j++;
            }
            if (s.regionMatches(true, j, "javascript", 0, 10) || s.regionMatches(true, j, "vbscript", 0, 8)) {
                sink.report(io.warden.rules.inspect.Rule.XSS_STYLE, 8, s, url);
                return;
            }
        }
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
