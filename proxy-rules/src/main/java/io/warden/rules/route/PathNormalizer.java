package io.warden.rules.route;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a request path into the form policies are matched against, so spelling cannot dodge a
 * route: percent-decoding repeated (bounded) until stable, backslashes as slashes, {@code ;}
 * path parameters dropped, empty and {@code .} segments removed, {@code ..} resolved, lower case.
 * {@code /API/%61dmin}, {@code /api/x/../admin}, {@code /api;v=1//admin/} all become {@code /api/admin}.
 *
 * <p>The upstream still receives the path as sent; only Warden's decision uses this form. A path
 * that decodes to a NUL or to invalid UTF-8 has no safe reading and is refused.
 */
public final class PathNormalizer {

    private static final int MAX_DECODE_ROUNDS = 3;

    private PathNormalizer() {
    }

    /** The normalised segments, or null when the path is unusable (NUL, invalid UTF-8). */
    public static List<String> segments(String rawPath) {
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
        List<String> out = new ArrayList<>(8);
        int i = 0;
        int n = decoded.length();
        while (i <= n) {
            int end = i;
            while (end < n && decoded.charAt(end) != '/' && decoded.charAt(end) != '\\') {
                end++;
            }
            String segment = decoded.substring(i, end);
            int semicolon = segment.indexOf(';');
            if (semicolon >= 0) {
                segment = segment.substring(0, semicolon);
            }
            if (segment.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                out.add(segment.toLowerCase(Locale.ROOT));
            }
            i = end + 1;
        }
        return out;
    }

    /** The normalised path as text ({@code /} for the root), or null when unusable. */
    public static String normalize(String rawPath) {
        List<String> segments = segments(rawPath);
        if (segments == null) {
            return null;
        }
        return segments.isEmpty() ? "/" : "/" + String.join("/", segments);
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
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, len)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
