package io.warden.rules.inspect.normalize;

/**
 * Decodes UTF-7 shifted runs ({@code +ADw-script+AD4-} is {@code <script>}): a page served
 * without a charset could once be read as UTF-7. Only runs that decode to printable ASCII are
 * replaced, so "C++" and "+1 (415)" stay as they are. Output is never longer than input.
 */
final class Utf7Decoder {

    private Utf7Decoder() {
    }

    static PercentDecoder.Result decode(String s) {
        int plus = s.indexOf('+');
        if (plus < 0) {
            return new PercentDecoder.Result(s, 0, false);
        }
        StringBuilder out = null;
        int copied = 0;
        while (plus >= 0) {
            int end = plus + 1;
            while (end < s.length() && value(s.charAt(end)) >= 0) {
                end++;
            }
            String decoded = run(s, plus + 1, end);
            if (decoded != null) {
                if (out == null) {
                    out = new StringBuilder(s.length());
                }
                out.append(s, copied, plus).append(decoded);
                copied = end < s.length() && s.charAt(end) == '-' ? end + 1 : end;
            }
            plus = s.indexOf('+', Math.max(end, plus + 1));
        }
        if (out == null) {
            return new PercentDecoder.Result(s, 0, false);
        }
        out.append(s, copied, s.length());
        return new PercentDecoder.Result(out.toString(), Signals.UTF7, true);
    }

    /** The printable ASCII the base64 run {@code s[from, to)} encodes, or null. */
    private static String run(String s, int from, int to) {
        if (to - from < 3) {
            return null;
        }
        StringBuilder chars = new StringBuilder((to - from) * 6 / 16);
        int bits = 0;
        int buffer = 0;
        for (int i = from; i < to; i++) {
            buffer = (buffer << 6) | value(s.charAt(i));
            bits += 6;
            if (bits >= 16) {
                bits -= 16;
                int unit = (buffer >> bits) & 0xffff;
                if (unit < 0x20 || unit > 0x7e) {
                    return null;
                }
                chars.append((char) unit);
            }
        }
        return chars.length() == 0 ? null : chars.toString();
    }

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '+') {
            return 62;
        }
        if (c == '/') {
            return 63;
        }
        return -1;
    }
}
