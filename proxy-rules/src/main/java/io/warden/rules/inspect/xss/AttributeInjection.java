package io.warden.rules.inspect.xss;

import io.warden.rules.inspect.FindingSink;
import io.warden.rules.inspect.Rule;
import io.warden.rules.inspect.Texts;

/**
 * An event handler written into an attribute without a tag: the value closes the attribute it is
 * reflected in ({@code " onerror=alert(1) x="}) or is itself an attribute list. The handler must
 * follow a quote, a '/' or the value's start; "online=true" in prose does not.
 */
final class AttributeInjection {

    private AttributeInjection() {
    }

    /** Attributes that act without script and never appear in prose. */
    private static final String[] ACTING = {"formaction=", "srcdoc=", "xlink:href="};

    static void scan(String s, FindingSink sink) {
        for (String name : ACTING) {
            int at = Texts.indexOfIgnoreCase(s, name);
            if (at > 0 && (s.charAt(at - 1) == '"' || s.charAt(at - 1) == '\'' || s.charAt(at - 1) == ' ')) {
                sink.report(Rule.XSS_EVENT_HANDLER, 7, s, at);
                return;
            }
        }
        int n = s.length();
        for (int eq = s.indexOf('='); eq > 0; eq = s.indexOf('=', eq + 1)) {
            int end = eq;
            while (end > 0 && s.charAt(end - 1) <= ' ') {
                end--;
            }
            int start = end;
            while (start > 0 && isLetter(s.charAt(start - 1)) && end - start < 48) {
                start--;
            }
            if (end - start < 5 || (s.charAt(start) | 0x20) != 'o' || (s.charAt(start + 1) | 0x20) != 'n') {
                continue;
            }
            int before = start - 1;
            while (before >= 0 && (s.charAt(before) == ' ' || s.charAt(before) == '\t' || s.charAt(before) == '/'
                    || s.charAt(before) == '\\')) {
                before--;
            }
            boolean afterQuote = before >= 0 && (s.charAt(before) == '"' || s.charAt(before) == '\''
                    || s.charAt(before) == '`');
            boolean atStart = before < 0;
            if (afterQuote && before < start - 1) {
                sink.report(Rule.XSS_EVENT_HANDLER, 8, s, start);
                return;
            }
            boolean known = EventNames.isHandler(s, start, end);
            if (atStart && eq + 1 < n && known) {
                sink.report(Rule.XSS_EVENT_HANDLER, 7, s, start);
                return;
            }
            if (known && quoteBeforeAttributes(s, start)) {
                sink.report(Rule.XSS_EVENT_HANDLER, 8, s, start);
                return;
            }
        }
    }

    /**
     * Whether a quote closes the reflected attribute a few {@code name=value} pairs before
     * {@code at}: {@code " type=image src=x onerror=...}.
     */
    private static boolean quoteBeforeAttributes(String s, int at) {
        int i = at - 1;
        int floor = Math.max(0, at - 256);
        int pairs = 0;
        while (i >= floor && pairs <= 8) {
            if (s.charAt(i) != ' ') {
                return false;
            }
            while (i >= floor && s.charAt(i) == ' ') {
                i--;
            }
            if (i < floor) {
                return false;
            }
            char c = s.charAt(i);
            if (c == '"' || c == '\'') {
                return pairs > 0;
            }
            int tokenEnd = i;
            boolean assignment = false;
            while (i >= floor && s.charAt(i) != ' ' && s.charAt(i) != '"' && s.charAt(i) != '\'') {
                assignment |= s.charAt(i) == '=';
                i--;
            }
            if (!assignment || tokenEnd == i) {
                return false;
            }
            pairs++;
        }
        return false;
    }

    private static boolean isLetter(char c) {
        int l = c | 0x20;
        return l >= 'a' && l <= 'z';
    }
}
