package io.warden.rules.inspect.xss;

import io.warden.rules.inspect.FindingSink;
import io.warden.rules.inspect.Rule;
import io.warden.rules.inspect.WordTable;
import io.warden.rules.inspect.normalize.NormalizedValue;
import io.warden.rules.inspect.normalize.Symbols;

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
    /** The names as written (JavaScript is case-sensitive), indexed by their table code. */
    private static final String[] CANONICAL = NAMES.keySet().toArray(new String[0]);
    private static final WordTable TABLE = WordTable.of(indexes());
    private static final WordTable SENSITIVE = WordTable.of(sensitiveProperties());
    private static final String[] GLOBALS_WITH_BRACKETS = {"window", "self", "top", "parent", "frames",
        "globalThis", "document", "content", "this", "parentWindow", "opener"};

    private ScriptSinks() {
    }

    /** Characters a sink or global stands next to in any use: calls, members, values, assignments. */
    static final String TRIGGERS = "(`.[=,)};]+\"";
    /** Each trigger's {@link Symbols} bit, in {@link #TRIGGERS} order. */
    private static final long[] TRIGGER_BITS = TRIGGERS.chars().mapToLong(c -> Symbols.of(String.valueOf((char) c))).toArray();
    private static final int[] SHAPES = shapes();

    /**
     * Finds sink uses by looking only at identifiers next to the punctuation every use needs
     * ({@code alert(}, {@code document.}, {@code top[}, {@code =alert,}): chat text has little of
     * it, so the cost follows the punctuation, not the length of the text.
     */
    static void scan(NormalizedValue value, FindingSink sink) {
        String s = value.markup();
        int[] best = {0, 0};
        for (int t = 0; t < TRIGGERS.length() && best[0] < 10; t++) {
            if (!value.holdsAny(TRIGGER_BITS[t])) {
                // The value's census says this trigger is absent: no pass over the text for it.
                continue;
            }
            char trigger = TRIGGERS.charAt(t);
            for (int p = s.indexOf(trigger); p >= 0 && best[0] < 10; p = s.indexOf(trigger, p + 1)) {
                consider(s, identifierBefore(s, p), best);
                consider(s, identifierAfter(s, p + 1), best);
            }
        }
        if (best[0] > 0) {
            sink.report(Rule.XSS_SCRIPT_CONTEXT, best[0], s, best[1]);
        }
    }

    private static void consider(String s, int start, int[] best) {
        if (start < 0) {
            return;
        }
        int end = ScriptSyntax.identifierEnd(s, start, s.length());
        if (!hasShape(s, start, end)) {
            return;
        }
        int kind = exactKind(s, start, end);
        if (kind != 0) {
            int score = judge(s, start, end, kind);
            if (score > best[0]) {
                best[0] = score;
                best[1] = start;
            }
        }
    }

    /** The start of the identifier that ends just before {@code at} (spaces allowed between), or -1. */
    private static int identifierBefore(String s, int at) {
        int i = at - 1;
        int floor = Math.max(0, at - 64);
        while (i >= floor) {
            char c = s.charAt(i);
            if (c <= ' ') {
                i--;
            } else if (c == '/' && i > floor && s.charAt(i - 1) == '*') {
                int open = i - 2;
                while (open > floor && !(s.charAt(open - 1) == '/' && s.charAt(open) == '*')) {
                    open--;
                }
                if (open <= floor) {
                    return -1;
                }
                i = open - 2;
            } else {
                break;
            }
        }
        if (i < 0 || !ScriptSyntax.isIdentifierPart(s.charAt(i))) {
            return -1;
        }
        int limit = Math.max(0, i - 32);
        while (i > limit && ScriptSyntax.isIdentifierPart(s.charAt(i - 1))) {
            i--;
        }
        return ScriptSyntax.isIdentifierStart(s.charAt(i)) ? i : -1;
    }

    /** The start of the identifier that begins at {@code at} after spaces, or -1. */
    private static int identifierAfter(String s, int at) {
        int i = ScriptSyntax.skipSpaceAndComments(s, at, Math.min(s.length(), at + 64));
        if (i >= s.length() || !ScriptSyntax.isIdentifierStart(s.charAt(i))) {
            return -1;
        }
        return i == 0 || !ScriptSyntax.isIdentifierPart(s.charAt(i - 1)) ? i : -1;
    }

    /** A cheap first test: is there a sink or global name with this first letter, last letter and length? */
    private static boolean hasShape(String s, int from, int to) {
        int len = to - from;
        if (len < 3 || len > 31) {
            return false;
        }
        int first = (s.charAt(from) | 0x20) - 'a';
        int last = (s.charAt(to - 1) | 0x20) - 'a';
        return first >= 0 && first < 26 && last >= 0 && last < 26 && (SHAPES[first * 26 + last] & (1 << len)) != 0;
    }

    private static int[] shapes() {
        int[] shapes = new int[26 * 26];
        for (String name : names().keySet()) {
            int first = (name.charAt(0) | 0x20) - 'a';
            int last = (name.charAt(name.length() - 1) | 0x20) - 'a';
            shapes[first * 26 + last] |= 1 << name.length();
        }
        return shapes;
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
        int code = TABLE.lookup(s, from, to);
        if (code == 0) {
            return 0;
        }
        String name = CANONICAL[code - 1];
        if (name.equals("msgbox")) {
            return VBSCRIPT;
        }
        return s.startsWith(name, from) ? NAMES.get(name) : 0;
    }

    private static Map<String, Integer> indexes() {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < CANONICAL.length; i++) {
            m.put(CANONICAL[i], i + 1);
        }
        return m;
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
