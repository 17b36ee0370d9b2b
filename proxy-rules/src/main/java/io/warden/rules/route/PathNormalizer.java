package io.warden.rules.route;

import java.nio.charset.StandardCharsets;

/**
 * Turns a request path into the form policies are matched against, so spelling cannot dodge a
 * route: percent-decoding repeated (bounded) until stable, backslashes as slashes, {@code ;}
 * path parameters dropped, empty and {@code .} segments removed, {@code ..} resolved, lower case.
 * {@code /API/%61dmin}, {@code /api/x/../admin}, {@code /api;v=1//admin/} all become {@code /api/admin}.
 *
 * <p>The upstream still receives the path as sent; only Warden's decision uses this form. A path
 * that decodes to a NUL or to invalid UTF-8 has no safe reading and is refused.
 *
 * <p>Most paths need none of this ({@code /api/chat}): {@link #matchingForm} hands those back
 * as they are, and {@link PathPattern} reads segments in place and folds ASCII case as it
 * compares, so the usual lookup allocates nothing.
 */
public final class PathNormalizer {

    private static final int MAX_DECODE_ROUNDS = 3;

    private PathNormalizer() {
    }

    /**
     * A path {@link PathPattern#matches(String)} can read: {@code rawPath} itself when
     * normalising would change nothing but ASCII case and empty segments, else the normalised
     * path; null when the path is unusable.
     */
    static String matchingForm(String rawPath) {
        return isMatchingForm(rawPath) ? rawPath : normalize(rawPath);
    }

    /**
     * Whether only ASCII case and empty segments stand between {@code path} and its normalised
     * form: printable ASCII without the characters decoding or splitting would act on
     * ({@code % \ ;}) and without a {@code .} or {@code ..} segment.
     */
    private static boolean isMatchingForm(String path) {
        int segmentStart = 0;
        for (int i = 0, n = path.length(); i <= n; i++) {
            char c = i < n ? path.charAt(i) : '/';
            if (c == '/') {
                int len = i - segmentStart;
                if ((len == 1 || len == 2) && path.charAt(segmentStart) == '.'
                        && (len == 1 || path.charAt(segmentStart + 1) == '.')) {
                    return false;
                }
                segmentStart = i + 1;
            } else if (c < 0x20 || c > 0x7e || c == '%' || c == '\\' || c == ';') {
                return false;
            }
        }
        return true;
    }

    /** The normalised path as text ({@code /} for the root), or null when unusable (NUL, invalid UTF-8). */
    public static String normalize(String rawPath) {
        String decoded = rawPath;
        for (int round = 0; round < MAX_DECODE_ROUNDS && decoded.indexOf('%') >= 0; round++) {
            String next = percentDecode(decoded);
            if (next == null) {
                return null;
            }
            if (next.equals(decoded)) {
                break;
            }
            decoded = next;
        }
        if (decoded.indexOf('\0') >= 0) {
            return null;
        }
        StringBuilder out = new StringBuilder(decoded.length() + 1);
        int n = decoded.length();
        for (int i = 0; i <= n; ) {
            int end = i;
            while (end < n && decoded.charAt(end) != '/' && decoded.charAt(end) != '\\') {
                end++;
            }
            int semicolon = decoded.indexOf(';', i);
            int to = semicolon >= 0 && semicolon < end ? semicolon : end;
            int len = to - i;
            if (len == 2 && decoded.charAt(i) == '.' && decoded.charAt(i + 1) == '.') {
                // Segments hold no '/', so the last one starts after the last '/'.
                out.setLength(Math.max(0, out.lastIndexOf("/")));
            } else if (len > 0 && !(len == 1 && decoded.charAt(i) == '.')) {
                out.append('/');
                appendLowerCase(decoded, i, to, out);
            }
            i = end + 1;
        }
        return out.length() == 0 ? "/" : out.toString();
    }

    /**
     * Appends {@code s[from, to)} lower-cased code point by code point ({@link Character#toLowerCase(int)}).
     * Not {@link String#toLowerCase(java.util.Locale)}: it grows its buffer by one character for
     * every character whose lower case is longer ('\u0130'), which made a long segment of them
     * cost seconds. Matching needs only one consistent fold, applied to routes and requests alike.
     */
    private static void appendLowerCase(String s, int from, int to, StringBuilder out) {
        for (int i = from; i < to; ) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
                i++;
            } else {
                int cp = s.codePointAt(i);
                out.appendCodePoint(Character.toLowerCase(cp));
                i += Character.charCount(cp);
            }
        }
    }

    /** One round of %XX decoding as UTF-8; malformed escapes stay literal; null on invalid UTF-8. */
    static String percentDecode(String s) {
        int n = s.length();
        // a char is at most three UTF-8 bytes, an escape one byte for three chars
        byte[] bytes = new byte[n * 3];
        int len = 0;
        boolean changed = false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < n) {
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    bytes[len++] = (byte) (hi << 4 | lo);
                    i += 2;
                    changed = true;
                    continue;
                }
            }
            if (c >= 0x80) {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(encoded, 0, bytes, len, encoded.length);
                len += encoded.length;
            } else {
                bytes[len++] = (byte) c;
            }
        }
        if (!changed) {
            return s;
        }
        return isValidUtf8(bytes, len) ? new String(bytes, 0, len, StandardCharsets.UTF_8) : null;
    }

    /**
     * Strict UTF-8, as a reporting decoder reads it: no overlong forms, no surrogates, nothing
     * past U+10FFFF. Checked by hand because a {@code CharsetDecoder} per lookup costs more than
     * the rest of the lookup.
     */
    private static boolean isValidUtf8(byte[] bytes, int len) {
        int i = 0;
        while (i < len) {
            int b = bytes[i] & 0xff;
            if (b < 0x80) {
                i++;
                continue;
            }
            int more;
            int min;
            int max = 0xbf;
            if (b >= 0xc2 && b <= 0xdf) {
                more = 1;
                min = 0x80;
            } else if (b >= 0xe0 && b <= 0xef) {
                more = 2;
                min = b == 0xe0 ? 0xa0 : 0x80;
                max = b == 0xed ? 0x9f : 0xbf;
            } else if (b >= 0xf0 && b <= 0xf4) {
                more = 3;
                min = b == 0xf0 ? 0x90 : 0x80;
                max = b == 0xf4 ? 0x8f : 0xbf;
            } else {
                return false;
            }
            if (i + more >= len) {
                return false;
            }
            int second = bytes[i + 1] & 0xff;
            if (second < min || second > max) {
                return false;
            }
            for (int k = 2; k <= more; k++) {
                int next = bytes[i + k] & 0xff;
                if (next < 0x80 || next > 0xbf) {
                    return false;
                }
            }
            i += more + 1;
        }
        return true;
    }
}
