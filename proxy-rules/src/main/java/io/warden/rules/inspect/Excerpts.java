package io.warden.rules.inspect;

/** Short, log-safe cut-outs of attacker input for events. */
public final class Excerpts {

    public static final int MAX_LENGTH = 64;

    private Excerpts() {
    }

    /**
     * Up to {@link #MAX_LENGTH} characters of {@code text} starting a little before {@code from},
     * with control characters, backslashes and non-printable characters escaped; an ellipsis
     * marks a cut.
     */
    public static String around(String text, int from) {
        int start = Math.max(0, Math.min(from, text.length()) - 8);
        StringBuilder out = new StringBuilder(MAX_LENGTH);
        if (start > 0) {
            out.append('…');
        }
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            String piece = escape(c);
            if (out.length() + (piece == null ? 1 : piece.length()) > MAX_LENGTH - 1) {
                out.append('…');
                return out.toString();
            }
            if (piece == null) {
                out.append(c);
            } else {
                out.append(piece);
            }
            i++;
        }
        return out.toString();
    }

    /** The whole of a short name (a parameter, a header), escaped and cut like an excerpt. */
    public static String name(String text, int maxLength) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxLength) + 4);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String piece = escape(c);
            if (out.length() + (piece == null ? 1 : piece.length()) > maxLength) {
                out.append('…');
                break;
            }
            if (piece == null) {
                out.append(c);
            } else {
                out.append(piece);
            }
        }
        return out.toString();
    }

    private static String escape(char c) {
        if (c == '\n') {
            return "\\n";
        }
        if (c == '\r') {
            return "\\r";
        }
        if (c == '\t') {
            return "\\t";
        }
        if (c == '\\') {
            return "\\\\";
        }
        if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029'
                || Character.isSurrogate(c) || Character.getType(c) == Character.FORMAT) {
            return String.format("\\u%04x", (int) c);
        }
        return null;
    }
}
