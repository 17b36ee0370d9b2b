package io.warden.rules.inspect.normalize;

/**
 * One round of lenient percent-decoding: {@code %XX} runs as UTF-8 (overlong forms included),
 * IIS {@code %uXXXX}, and malformed escapes kept as they are. Output is never longer than input.
 */
public final class PercentDecoder {

    private PercentDecoder() {
    }

    /** The decoded text and what decoding raised; {@code text} is the input itself when unchanged. */
    public record Result(String text, int signals, boolean changed) {
    }

    /**
     * Decodes one round.
     *
     * @param plusAsSpace whether {@code +} means a space (form encoding)
     */
    public static Result decode(String s, boolean plusAsSpace) {
        int first = firstEscape(s, plusAsSpace);
        if (first < 0) {
            return new Result(s, 0, false);
        }
        StringBuilder out = new StringBuilder(s.length());
        out.append(s, 0, first);
        byte[] run = new byte[Math.max(16, s.length() / 3)];
        int signals = 0;
        int n = s.length();
        int i = first;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '+' && plusAsSpace) {
                out.append(' ');
                i++;
                continue;
            }
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            if (isUnicodeEscape(s, i)) {
                int cp = hex(s, i + 2, 4);
                signals |= Signals.UNICODE_ESCAPE;
                if (cp == 0) {
                    signals |= Signals.NUL;
                } else {
                    out.append((char) cp);
                }
                i += 6;
                continue;
            }
            int len = 0;
            while (i + 2 < n && s.charAt(i) == '%' && hexDigit(s.charAt(i + 1)) >= 0
                    && hexDigit(s.charAt(i + 2)) >= 0) {
                run[len++] = (byte) hex(s, i + 1, 2);
                i += 3;
            }
            if (len == 0) {
                out.append(c);
                i++;
            } else {
                signals |= Utf8Run.decode(run, len, out);
            }
        }
        return new Result(out.toString(), signals, true);
    }

    /** Whether {@code s} holds at least one well-formed percent escape. */
    public static boolean hasEscape(String s) {
        return firstEscape(s, false) >= 0;
    }

    private static int firstEscape(String s, boolean plusAsSpace) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == '+' && plusAsSpace) {
                return i;
            }
            if (c == '%' && (isUnicodeEscape(s, i)
                    || (i + 2 < n && hexDigit(s.charAt(i + 1)) >= 0 && hexDigit(s.charAt(i + 2)) >= 0))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isUnicodeEscape(String s, int i) {
        if (i + 5 >= s.length() || (s.charAt(i + 1) | 0x20) != 'u') {
            return false;
        }
        for (int k = 2; k < 6; k++) {
            if (hexDigit(s.charAt(i + k)) < 0) {
                return false;
            }
        }
        return true;
    }

    static int hex(CharSequence s, int from, int digits) {
        int v = 0;
        for (int k = 0; k < digits; k++) {
            v = (v << 4) | hexDigit(s.charAt(from + k));
        }
        return v;
    }

    static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        int l = c | 0x20;
        if (l >= 'a' && l <= 'f') {
            return l - 'a' + 10;
        }
        return -1;
    }
}
