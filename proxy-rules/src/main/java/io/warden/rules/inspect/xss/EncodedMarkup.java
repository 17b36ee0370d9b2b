package io.warden.rules.inspect.xss;

import io.warden.rules.inspect.FindingSink;
import io.warden.rules.inspect.Rule;
import io.warden.rules.inspect.Texts;
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

    private static final int MIN_BASE64 = 24;
    private static final int MAX_BASE64 = 4096;
    private static final int MAX_RUNS = 4;
    private static final String[] ACTIVE_MARKUP = {"<script", "<svg", "<img", "<iframe", "<object", "<embed",
        "javascript:", "onerror=", "onload="};

    /**
     * Base64 that decodes to markup ({@code PHN2Zy...} is {@code <svg...}): how payloads ride in
     * {@code data:} URLs and in parameters an application decodes before use.
     */
    static void base64(String s, FindingSink sink) {
        if (s.length() <= MIN_BASE64 || !hasLongToken(s)) {
            return;
        }
        int runs = 0;
        int i = 0;
        int n = s.length();
        while (i < n && runs < MAX_RUNS) {
            if (base64Value(s.charAt(i)) < 0) {
                i++;
                continue;
            }
            int end = i;
            while (end < n && end - i < MAX_BASE64 && base64Value(s.charAt(end)) >= 0) {
                end++;
            }
            if (end - i >= MIN_BASE64) {
                runs++;
                String decoded = decode(s, i, end);
                for (String marker : ACTIVE_MARKUP) {
                    if (Texts.indexOfIgnoreCase(decoded, marker) >= 0) {
                        sink.report(Rule.XSS_ENCODED_MARKUP, 8, s, i);
                        return;
                    }
                }
            }
            i = end;
        }
    }

    /** Whether some stretch of {@link #MIN_BASE64} characters has no space: prose never does. */
    private static boolean hasLongToken(String s) {
        // Looks at the last character of each window first: prose has a space near it, and the
        // next window starts after that space, so most characters are never read.
        int n = s.length();
        int i = 0;
        while (i + MIN_BASE64 < n) {
            int j = i + MIN_BASE64;
            while (j >= i && s.charAt(j) != ' ') {
                j--;
            }
            if (j < i) {
                return true;
            }
            i = j + 1;
        }
        return false;
    }

    /** The printable ASCII of a base64 run (other bytes dropped), stopping at the first bad quantum. */
    private static String decode(String s, int from, int to) {
        StringBuilder out = new StringBuilder((to - from) * 3 / 4);
        int buffer = 0;
        int bits = 0;
        for (int i = from; i < to; i++) {
            buffer = (buffer << 6) | base64Value(s.charAt(i));
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                int b = (buffer >> bits) & 0xff;
                if (b >= 0x20 && b < 0x7f) {
                    out.append((char) b);
                }
            }
        }
        return out.toString();
    }

    private static int base64Value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '+' || c == '-' ? 62 : c == '/' || c == '_' ? 63 : -1;
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
