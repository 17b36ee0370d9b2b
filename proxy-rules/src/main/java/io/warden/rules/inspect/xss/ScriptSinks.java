package io.warden.rules.inspect.xss;

import io.warden.rules.inspect.FindingSink;
import io.warden.rules.inspect.Rule;
import io.warden.rules.inspect.WordTable;

import java.util.HashMap;
import java.util.Map;

/**
 * Script that reaches a sink without any tag: a call of {@code alert}, {@code eval},
 * {@code setTimeout} and friends, or a read of {@code document.cookie}, {@code window[...]},
 * {@code constructor.constructor}, placed where an expression can start (after a quote, ';',
 * an operator, or at the start of the value) and written as a well-formed call. JavaScript is
 * case-sensitive, so are these names: "Alert the bank" is no call.
 */
final class ScriptSinks {

    private static final int CALL = 1;
    private static final int GLOBAL = 2;
    private static final int CONSTRUCTOR = 3;
    private static final int MARKUP_PROPERTY = 4;
    private static final int VBSCRIPT = 5;
    private static final int INVOKER = 6;

    private static final Map<String, Integer> NAMES = names();
    private static final WordTable TABLE = WordTable.of(NAMES);
    private static final WordTable SENSITIVE = WordTable.of(sensitiveProperties());
    private static final String[] GLOBALS_WITH_BRACKETS = {"window", "self", "top", "parent", "frames",
        "globalThis", "document", "content", "this", "parentWindow", "opener"};

    private ScriptSinks() {
    }

    static void scan(String s, FindingSink sink) {
        int n = s.length();
        int best = 0;
        int bestAt = 0;
        int i = 0;
        while (i < n && best < 10) {
            char c = s.charAt(i);
            if (!ScriptSyntax.isIdentifierStart(c) || (i > 0 && ScriptSyntax.isIdentifierPart(s.charAt(i - 1)))) {
                i++;
                continue;
            }
            int end = ScriptSyntax.identifierEnd(s, i, n);
            if (betweenWords(s, i, end)) {
                i = end;
                continue;
            }
            int kind = exactKind(s, i, end);
            if (kind != 0) {
                int score = judge(s, i, end, kind);
                if (score > best) {
                    best = score;
                    bestAt = i;
                }
            }
            i = end;
        }
        if (best > 0) {
            sink.report(Rule.XSS_SCRIPT_CONTEXT, best, s, bestAt);
        }
    }

    /**
     * A word with a space or letter before it and a word after it is prose; skipping the table
     * lookup for those keeps the scan cheap on chat text.
     */
    private static boolean betweenWords(String s, int from, int to) {
        if (to >= s.length() || s.charAt(to) != ' ' || to + 1 >= s.length()
                || !Character.isLetter(s.charAt(to + 1))) {
            return false;
        }
        return from == 0 || s.charAt(from - 1) == ' ';
    }

    /** JSFuck: script written with []()!+ alone, as in {@code [][(![]+[])[+[]]...]}. */
    static void scanNonAlphanumeric(String s, FindingSink sink) {
        int symbols = 0;
        int others = 0;
        int bangBrackets = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == '[' || c == ']' || c == '(' || c == ')' || c == '!' || c == '+') {
                symbols++;
                if (c == '!' && i + 2 < n && s.charAt(i + 1) == '[' && s.charAt(i + 2) == ']') {
                    bangBrackets++;
                }
            } else if (c > ' ') {
                others++;
            }
        }
        if (symbols >= 24 && bangBrackets >= 2 && symbols >= 4 * others) {
            sink.report(Rule.XSS_SCRIPT_CONTEXT, 8, s, 0);
        }
    }

    private static int exactKind(String s, int from, int to) {
        int kind = TABLE.lookup(s, from, to);
        if (kind == 0) {
            return 0;
        }
        if (to - from == 6 && s.regionMatches(true, from, "msgbox", 0, 6)) {
            return VBSCRIPT;
        }
        for (Map.Entry<String, Integer> e : NAMES.entrySet()) {
            String name = e.getKey();
            if (name.length() == to - from && s.startsWith(name, from)) {
                return e.getValue();
            }
        }
        return 0;
    }

    private static int judge(String s, int from, int to, int kind) {
        int before = ScriptSyntax.skipBackSpace(s, from - 1);
        boolean member = before >= 0 && s.charAt(before) == '.';
        int next = ScriptSyntax.skipSpaceAndComments(s, to, s.length());
        char after = next < s.length() ? s.charAt(next) : 0;
        switch (kind) {
            case CALL -> {
                if (!member && !ScriptSyntax.inExpressionPosition(s, from)) {
                    return 0;
                }
                if (member && !memberOfGlobal(s, from)) {
                    return 0;
                }
                if (after == '`') {
                    return 10;
                }
                if (after != '(') {
                    return sinkAsValue(s, from, next, after) ? 8 : 0;
                }
                int end = ScriptSyntax.callEnd(s, next);
                if (end < 0 || !ScriptSyntax.endsExpression(s, end)) {
                    return 0;
                }
                return member || ScriptSyntax.afterBreakout(s, from) ? 10 : 8;
            }
            case GLOBAL -> {
                if (member || !ScriptSyntax.inExpressionPosition(s, from)) {
                    return 0;
                }
                return globalAccess(s, from, to, next);
            }
            case INVOKER -> {
                // fn.call`...` runs fn without parentheses: a filter evasion, not a way to write code.
                return member && after == '`' ? 8 : 0;
            }
            case VBSCRIPT -> {
                boolean argument = after == '(' || after == '"' || after == '+'
                        || (next > to && next < s.length() && ScriptSyntax.isIdentifierPart(after));
                return argument && ScriptSyntax.inExpressionPosition(s, from) ? 8 : 0;
            }
            case CONSTRUCTOR -> {
                return member && (after == '(' || (after == '.' && s.startsWith("constructor", next + 1))) ? 8 : 0;
            }
            case MARKUP_PROPERTY -> {
                return member && after == '=' && !s.startsWith("==", next) ? 8 : 0;
            }
            default -> {
                return 0;
            }
        }
    }

    /**
     * A sink handed over as a value rather than called: {@code [1].find(alert)},
     * {@code a=alert,a(1)}, {@code .call`${alert}1`}. The opening '(' must hug a call.
     */
    private static boolean sinkAsValue(String s, int from, int next, char after) {
        if (after != ')' && after != ',' && after != '}' && after != ';' && after != ']') {
            return false;
        }
        int before = ScriptSyntax.skipBackSpace(s, from - 1);
        if (before < 0) {
            return false;
        }
        char c = s.charAt(before);
        if (c == '{') {
            return before > 0 && s.charAt(before - 1) == '$';
        }
        if (c == '(') {
            return before > 0 && (ScriptSyntax.isIdentifierPart(s.charAt(before - 1)) || s.charAt(before - 1) == ')'
                    || s.charAt(before - 1) == ']');
        }
        return (c == '=' && before == from - 1) || (c == ',' && after == ')');
    }

    /** {@code document.cookie}, {@code window["al"+"ert"]}, {@code location = ...}. */
    private static int globalAccess(String s, int from, int to, int next) {
        int i = next;
        while (i < s.length() && (s.charAt(i) == ')' || s.charAt(i) <= ' ')) {
            i = ScriptSyntax.skipSpaceAndComments(s, i + (s.charAt(i) == ')' ? 1 : 0), s.length());
        }
        if (i >= s.length()) {
            return 0;
        }
        char c = s.charAt(i);
        if (c == '.') {
            int property = ScriptSyntax.skipSpaceAndComments(s, i + 1, s.length());
            if (property < s.length() && ScriptSyntax.isIdentifierStart(s.charAt(property))) {
                int end = ScriptSyntax.identifierEnd(s, property, s.length());
                return SENSITIVE.lookup(s, property, end) != 0 ? 8 : 0;
            }
            return 0;
        }
        if (c == '[') {
            if (!bracketGlobal(s, from, to)) {
                return 0;
            }
            int content = ScriptSyntax.skipSpaceAndComments(s, i + 1, s.length());
            boolean stringKey = content < s.length() && (s.charAt(content) == '"' || s.charAt(content) == '\''
                    || s.charAt(content) == '`');
            return stringKey || calledAfterBracket(s, i) ? 8 : 0;
        }
        if (c == '=' && !s.startsWith("==", i) && s.startsWith("location", from)) {
            return 8;
        }
        return 0;
    }

    /** {@code top[expression](...)}: a computed property of a global, called. */
    private static boolean calledAfterBracket(String s, int open) {
        int close = ScriptSyntax.callEnd(s, open);
        return close > 0 && close < s.length() && s.charAt(close) == '(';
    }

    private static boolean bracketGlobal(String s, int from, int to) {
        for (String name : GLOBALS_WITH_BRACKETS) {
            if (name.length() == to - from && s.startsWith(name, from)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code x.name} has a global object as {@code x} ({@code window.alert}, {@code top.eval}). */
    private static boolean memberOfGlobal(String s, int from) {
        int dot = ScriptSyntax.skipBackSpace(s, from - 1);
        int end = ScriptSyntax.skipBackSpace(s, dot - 1) + 1;
        if (end <= 0) {
            return false;
        }
        int start = end;
        while (start > 0 && ScriptSyntax.isIdentifierPart(s.charAt(start - 1))) {
            start--;
        }
        return bracketGlobal(s, start, end);
    }

    private static Map<String, Integer> names() {
        Map<String, Integer> m = new HashMap<>();
        for (String sink : new String[] {"alert", "prompt", "confirm", "eval", "setTimeout", "setInterval",
            "setImmediate", "execScript", "Function", "msgbox", "import", "fetch", "atob", "unescape",
            "ActiveXObject", "requestAnimationFrame", "showModalDialog"}) {
            m.put(sink, CALL);
        }
        for (String global : new String[] {"document", "window", "self", "top", "parent", "frames",
            "globalThis", "location", "localStorage", "sessionStorage", "navigator", "String", "content"}) {
            m.put(global, GLOBAL);
        }
        m.put("constructor", CONSTRUCTOR);
        m.put("call", INVOKER);
        m.put("apply", INVOKER);
        for (String property : new String[] {"innerHTML", "outerHTML", "srcdoc", "onerror", "onload"}) {
            m.put(property, MARKUP_PROPERTY);
        }
        return m;
    }

    private static Map<String, Integer> sensitiveProperties() {
        Map<String, Integer> m = new HashMap<>();
        for (String p : new String[] {"cookie", "domain", "write", "writeln", "location", "body", "head",
            "createElement", "getElementById", "querySelector", "querySelectorAll", "documentElement",
            "href", "fromCharCode", "sendBeacon", "open", "execCommand", "referrer", "forms", "alert",
            "prompt", "confirm", "eval", "setTimeout", "setInterval", "name", "hash", "assign", "replace",
            "getItem", "setItem", "appendChild", "insertAdjacentHTML", "defaultView", "opener"}) {
            m.put(p, 1);
        }
        return m;
    }
}
