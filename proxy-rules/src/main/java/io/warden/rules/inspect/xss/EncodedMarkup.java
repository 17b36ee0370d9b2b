package io.warden.rules.inspect.xss;

import io.warden.rules.inspect.FindingSink;
import io.warden.rules.inspect.Rule;
import io.warden.rules.inspect.normalize.NormalizedValue;
import io.warden.rules.inspect.normalize.Signals;

/**
 * Angle brackets that arrive encoded: a value that is nothing but an encoded '<' or '>'
 * ({@code &#x3c;}, {@code \u003c}, {@code %3C}) probes which encodings a page decodes, and
 * UTF-7 that spells markup ({@code +ADw-script+AD4-}) targets pages served without a charset.
 */
final class EncodedMarkup {

    private EncodedMarkup() {
    }

    static void check(NormalizedValue value, FindingSink sink) {
        String markup = value.markup();
        if (markup == value.raw() || markup.equals(value.raw())) {
            return;
        }
        if (value.has(Signals.UTF7) && (markup.indexOf('<') >= 0 || markup.indexOf('>') >= 0)) {
            sink.report(Rule.XSS_ENCODED_MARKUP, 7, markup, 0);
            return;
        }
        String trimmed = markup.trim();
        if (!trimmed.isEmpty() && trimmed.length() <= 4 && value.raw().indexOf('<') < 0 && onlyBrackets(trimmed)) {
            sink.report(Rule.XSS_ENCODED_MARKUP, 7, markup, 0);
        }
    }

    private static boolean onlyBrackets(String s) {
        boolean bracket = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '<' || c == '>') {
                bracket = true;
            } else if (c != '"' && c != '\'' && c != '/') {
                return false;
            }
        }
        return bracket;
    }
}
