package io.warden.rules.inspect.normalize;

/**
 * One round of HTML character-reference decoding as browsers do it: decimal and hex references
 * with any number of leading zeros and with or without the closing {@code ;}, and the named
 * references that matter for markup and script syntax. Output is never longer than input.
 */
final class HtmlEntityDecoder {

    /** Names browsers accept, each with the character it stands for; legacy ones work without ';'. */
    private static final String[] NAMES = {
        "lt", "<", "gt", ">", "amp", "&", "quot", "\"", "apos", "'", "nbsp", " ",
        "colon", ":", "semi", ";", "lpar", "(", "rpar", ")", "lsqb", "[", "rsqb", "]",
        "lbrack", "[", "rbrack", "]", "lcub", "{", "rcub", "}", "lbrace", "{", "rbrace", "}",
        "sol", "/", "bsol", "\\", "period", ".", "comma", ",", "excl", "!", "quest", "?",
        "equals", "=", "num", "#", "percnt", "%", "plus", "+", "grave", "`", "tab", "\t",
        "newline", "\n", "vert", "|", "verbar", "|", "ast", "*", "midast", "*", "dollar", "$",
        "hyphen", "-", "dash", "-", "lowbar", "_", "commat", "@", "hat", "^", "tilde", "~",
    };

    private static final int LONGEST_NAME = 7;

    private HtmlEntityDecoder() {
    }

    static PercentDecoder.Result decode(String s) {
        int first = s.indexOf('&');
        if (first < 0) {
            return new PercentDecoder.Result(s, 0, false);
        }
        StringBuilder out = new StringBuilder(s.length());
        out.append(s, 0, first);
        boolean changed = false;
        int signals = 0;
        int n = s.length();
        int i = first;
        while (i < n) {
            char c = s.charAt(i);
            if (c != '&' || i + 1 >= n) {
                out.append(c);
                i++;
                continue;
            }
            int next = s.charAt(i + 1) == '#' ? numeric(s, i, out) : named(s, i, out);
            if (next < 0) {
                out.append(c);
                i++;
            } else {
                changed = true;
                i = next;
            }
        }
        if (!changed) {
            return new PercentDecoder.Result(s, 0, false);
        }
        String text = out.toString();
        if (text.indexOf('\0') >= 0) {
            signals |= Signals.NUL;
            text = text.replace("\0", "");
        }
        return new PercentDecoder.Result(text, signals | Signals.HTML_ENTITIES, true);
    }

    /** Decodes {@code &#NNN} / {@code &#xHH} at {@code at}; returns the index after it, or -1. */
    private static int numeric(String s, int at, StringBuilder out) {
        int n = s.length();
        int i = at + 2;
        boolean hex = i < n && (s.charAt(i) | 0x20) == 'x';
        if (hex) {
            i++;
        }
        int start = i;
        while (i < n && s.charAt(i) == '0') {
            i++;
        }
        long value = 0;
        int significant = 0;
        while (i < n) {
            int d = hex ? PercentDecoder.hexDigit(s.charAt(i)) : decimal(s.charAt(i));
            if (d < 0) {
                break;
            }
            if (significant < 8) {
                value = value * (hex ? 16 : 10) + d;
            }
            significant++;
            i++;
        }
        if (i == start) {
            return -1;
        }
        if (i < n && s.charAt(i) == ';') {
            i++;
        }
        if (significant > 7 || value > Character.MAX_CODE_POINT || (value >= 0xd800 && value <= 0xdfff)) {
            out.append('\ufffd');
        } else if (value != 0) {
            out.appendCodePoint((int) value);
        } else {
            out.append('\0');
        }
        return i;
    }

    private static int named(String s, int at, StringBuilder out) {
        int n = s.length();
        int end = at + 1;
        while (end < n && end - at - 1 < LONGEST_NAME && isAsciiLetter(s.charAt(end))) {
            end++;
        }
        int len = end - at - 1;
        if (len < 2) {
            return -1;
        }
        for (int k = 0; k < NAMES.length; k += 2) {
            String name = NAMES[k];
            if (name.length() > len || !s.regionMatches(true, at + 1, name, 0, name.length())) {
                continue;
            }
            int after = at + 1 + name.length();
            boolean semicolon = after < n && s.charAt(after) == ';';
            boolean legacy = k < 12;
            if (semicolon || legacy) {
                out.append(NAMES[k + 1]);
                return semicolon ? after + 1 : after;
            }
        }
        return -1;
    }

    private static int decimal(char c) {
        return c >= '0' && c <= '9' ? c - '0' : -1;
    }

    private static boolean isAsciiLetter(char c) {
        int l = c | 0x20;
        return l >= 'a' && l <= 'z';
    }
}
