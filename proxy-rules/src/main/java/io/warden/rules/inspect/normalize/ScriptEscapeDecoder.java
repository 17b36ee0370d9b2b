package io.warden.rules.inspect.normalize;

/**
 * Decodes the escapes a script engine or a string literal would: {@code \xHH} (runs of them as
 * UTF-8, as payload lists write multi-byte characters), {@code \\uHHHH} and {@code \\u{H..}}.
 * Used for the markup view only: in paths and shell text a backslash means something else.
 */
final class ScriptEscapeDecoder {

    private ScriptEscapeDecoder() {
    }

    static PercentDecoder.Result decode(String s) {
        int first = firstEscape(s);
        if (first < 0) {
            return new PercentDecoder.Result(s, 0, false);
        }
        StringBuilder out = new StringBuilder(s.length());
        out.append(s, 0, first);
        byte[] run = new byte[Math.max(8, s.length() / 4)];
        int signals = Signals.SCRIPT_ESCAPES;
        int n = s.length();
        int i = first;
        while (i < n) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= n) {
                out.append(c);
                i++;
                continue;
            }
            char kind = s.charAt(i + 1);
            if (kind == 'x' && hexRun(s, i + 2, 2)) {
                int len = 0;
                while (i + 3 < n && s.charAt(i) == '\\' && s.charAt(i + 1) == 'x' && hexRun(s, i + 2, 2)) {
                    run[len++] = (byte) PercentDecoder.hex(s, i + 2, 2);
                    i += 4;
                }
                signals |= Utf8Run.decode(run, len, out);
            } else if (kind == 'u' && hexRun(s, i + 2, 4)) {
                int cp = PercentDecoder.hex(s, i + 2, 4);
                if (cp == 0) {
                    signals |= Signals.NUL;
                } else {
                    out.append((char) cp);
                }
                i += 6;
            } else if (kind == 'u' && i + 2 < n && s.charAt(i + 2) == '{') {
                i = braced(s, i, out);
            } else if (kind == '0' && (i + 2 >= n || !Character.isDigit(s.charAt(i + 2)))) {
                signals |= Signals.NUL;
                i += 2;
            } else {
                out.append(c);
                i++;
            }
        }
        return new PercentDecoder.Result(out.toString(), signals, true);
    }

    /** Decodes {@code \\u{H..}} at {@code at}, or copies the backslash when it is not one. */
    private static int braced(String s, int at, StringBuilder out) {
        int i = at + 3;
        int cp = 0;
        int digits = 0;
        while (i < s.length() && digits < 6) {
            int d = PercentDecoder.hexDigit(s.charAt(i));
            if (d < 0) {
                break;
            }
            cp = (cp << 4) | d;
            digits++;
            i++;
        }
        if (digits == 0 || i >= s.length() || s.charAt(i) != '}' || cp > Character.MAX_CODE_POINT
                || (cp >= 0xd800 && cp <= 0xdfff)) {
            out.append('\\');
            return at + 1;
        }
        if (cp != 0) {
            out.appendCodePoint(cp);
        }
        return i + 1;
    }

    private static int firstEscape(String s) {
        int i = s.indexOf('\\');
        while (i >= 0 && i + 1 < s.length()) {
            char kind = s.charAt(i + 1);
            if ((kind == 'x' && hexRun(s, i + 2, 2)) || (kind == 'u' && (hexRun(s, i + 2, 4)
                    || (i + 2 < s.length() && s.charAt(i + 2) == '{')))
                    || (kind == '0' && (i + 2 >= s.length() || !Character.isDigit(s.charAt(i + 2))))) {
                return i;
            }
            i = s.indexOf('\\', i + 1);
        }
        return -1;
    }

    private static boolean hexRun(String s, int from, int digits) {
        if (from + digits > s.length()) {
            return false;
        }
        for (int k = 0; k < digits; k++) {
            if (PercentDecoder.hexDigit(s.charAt(from + k)) < 0) {
                return false;
            }
        }
        return true;
    }
}
