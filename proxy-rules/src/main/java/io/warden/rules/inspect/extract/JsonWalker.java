package io.warden.rules.inspect.extract;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Walks a JSON body (RFC 8259, UTF-8) and hands every key and string value to a visitor, with
 * the path it sits at. Depth and element count are capped; a body that does not parse is
 * reported, never thrown.
 *
 * <p>One pass over the bytes, no recursion: a string without escapes or non-ASCII bytes, the
 * usual case, becomes a {@code String} in one copy. A general-purpose parser cost more than all
 * the detectors together on a typical chat message's ids and keys. It accepts what Jackson's
 * streaming parser accepts, several root values in a row included, and is stricter in one way:
 * invalid UTF-8 (overlong forms, encoded surrogates, stray continuation bytes) is malformed, as
 * it is for the strict decoders of the applications behind Warden.
 */
public final class JsonWalker {

    /** How a walk ended. */
    public enum Outcome { COMPLETE, MALFORMED, TOO_COMPLEX }

    /** Receives what the walk finds; the path is only valid during the call. */
    public interface Visitor {
        void key(String name, JsonPath path);

        void string(String value, JsonPath path);
    }

    /** The longest number accepted, as in Jackson's default read constraints. */
    private static final int MAX_NUMBER = 1000;
    /** The longest key accepted, as in Jackson's default read constraints. */
    private static final int MAX_NAME = 50_000;

    /** Reads eight bytes of a body as one {@code long}, lowest address in the lowest byte. */
    private static final VarHandle EIGHT_BYTES = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private final int maxDepth;
    private final int maxElements;

    public JsonWalker(int maxDepth, int maxElements) {
        this.maxDepth = maxDepth;
        this.maxElements = maxElements;
    }

    /**
     * Walks {@code body}.
     *
     * @param truncated whether {@code body} is only the first part of a longer body: a parse error
     *                  is then the cut, not a malformed document
     */
    public Outcome walk(byte[] body, boolean truncated, Visitor visitor) {
        int end = new Walk(body, visitor).run();
        if (end == Walk.TOO_COMPLEX) {
            return Outcome.TOO_COMPLEX;
        }
        if (end == Walk.MALFORMED) {
            return truncated ? Outcome.COMPLETE : Outcome.MALFORMED;
        }
        return Outcome.COMPLETE;
    }

    /**
     * The index of the first byte at or after {@code from} (before {@code to}) that is not plain
     * string content: a quote, a backslash, a control byte or a non-ASCII byte. Eight bytes are
     * tested at once, so the long free text of chat messages is crossed at a fraction of a
     * byte-by-byte loop's cost; {@link Walk#string} then reads from there byte by byte.
     */
    static int plainRun(byte[] b, int from, int to) {
        int i = from;
        while (i + Long.BYTES <= to) {
            long word = (long) EIGHT_BYTES.get(b, i);
            // Per byte, the high bit of each term is set exactly when the byte is a quote, a
            // backslash, below 0x20, or 0x80 and above (the word's own high bits).
            long quote = word ^ ('"' * ONES);
            long backslash = word ^ ('\\' * ONES);
            long special = ((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash)
                    | (word - 0x20 * ONES) | word;
            // Borrows only run through bytes above a found one, so the lowest set high bit is exact.
            long found = special & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            i += Long.BYTES;
        }
        while (i < to && b[i] != '"' && b[i] != '\\' && b[i] >= 0x20) {
            i++;
        }
        return i;
    }

    /** One walk's position and state; every step returns the next index or a negative outcome. */
    private final class Walk {
        static final int MALFORMED = -1;
        static final int TOO_COMPLEX = -2;

        private final byte[] b;
        private final int n;
        private final Visitor visitor;
        private final JsonPath path = new JsonPath();
        /** Per open container, whether it is an object. */
        private final boolean[] objects = new boolean[maxDepth + 1];
        private int depth;
        private int elements;
        private String text;

        Walk(byte[] b, Visitor visitor) {
            this.b = b;
            this.n = b.length;
            this.visitor = visitor;
        }

        int run() {
            int i = startsWithBom() ? 3 : 0;
            while (true) {
                i = space(i);
                if (i == n) {
                    return n;
                }
                i = value(i);
                if (i < 0) {
                    return i;
                }
                i = containers(i);
                if (i < 0) {
                    return i;
                }
            }
        }

        private boolean startsWithBom() {
            return n >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF;
        }

        /**
         * After a value: reads separators, the elements after them and closing brackets until the
         * root value is complete; returns the index after it.
         */
        private int containers(int from) {
            int i = from;
            while (depth > 0) {
                i = space(i);
                if (i == n) {
                    return MALFORMED;
                }
                byte c = b[i];
                if (c == ',') {
                    i = space(i + 1);
                    if (objects[depth - 1]) {
                        i = key(i);
                    } else {
                        i = i < n && b[i] != ']' ? value(i) : MALFORMED;
                    }
                    if (i < 0) {
                        return i;
                    }
                    continue;
                }
                if (c != (objects[depth - 1] ? '}' : ']')) {
                    return MALFORMED;
                }
                if (!token()) {
                    return TOO_COMPLEX;
                }
                path.pop();
                depth--;
                i++;
            }
            return i;
        }

        /**
         * Reads a value at {@code i}. An object or array is only opened, and read up to its end
         * when it is empty, or else to the end of its first element: {@link #containers} goes on.
         */
        private int value(int i) {
            if (i >= n) {
                return MALFORMED;
            }
            if (!token()) {
                return TOO_COMPLEX;
            }
            byte c = b[i];
            if (c == '"') {
                int end = string(i + 1, Integer.MAX_VALUE);
                if (end < 0) {
                    return end;
                }
                path.nextElement();
                visitor.string(text, path);
                return end;
            }
            if (c == '{' || c == '[') {
                if (depth == maxDepth) {
                    return TOO_COMPLEX;
                }
                path.nextElement();
                boolean object = c == '{';
                if (object) {
                    path.pushObject();
                } else {
                    path.pushArray();
                }
                objects[depth++] = object;
                int next = space(i + 1);
                if (next < n && b[next] == (object ? '}' : ']')) {
                    return next;
                }
                return object ? key(next) : next < n ? value(next) : MALFORMED;
            }
            path.nextElement();
            if (c == '-' || (c >= '0' && c <= '9')) {
                return number(i);
            }
            return literal(i);
        }

        /** Reads {@code "key" :} at {@code i} and the value after it. */
        private int key(int i) {
            if (i >= n || b[i] != '"') {
                return MALFORMED;
            }
            if (!token()) {
                return TOO_COMPLEX;
            }
            int end = string(i + 1, MAX_NAME);
            if (end < 0) {
                return end;
            }
            path.key(text);
            visitor.key(text, path);
            end = space(end);
            if (end >= n || b[end] != ':') {
                return MALFORMED;
            }
            return value(space(end + 1));
        }

        /**
         * Reads the string whose first content byte is at {@code from} into {@link #text}; returns
         * the index after its closing quote.
         */
        private int string(int from, int maxChars) {
            int i = plainRun(b, from, n);
            while (i < n) {
                byte c = b[i];
                if (c == '"') {
                    if (i - from > maxChars) {
                        return TOO_COMPLEX;
                    }
                    text = new String(b, from, i - from, StandardCharsets.ISO_8859_1);
                    return i + 1;
                }
                if (c == '\\' || c < 0x20) {
                    // Escapes, control bytes (malformed) and non-ASCII bytes (negative) take the slow path.
                    return decodedString(from, maxChars);
                }
                i++;
            }
            return MALFORMED;
        }

        private int decodedString(int from, int maxChars) {
            StringBuilder out = new StringBuilder(Math.min(n - from, 1024));
            int i = from;
            while (i < n) {
                int c = b[i] & 0xFF;
                if (c == '"') {
                    if (out.length() > maxChars) {
                        return TOO_COMPLEX;
                    }
                    text = out.toString();
                    return i + 1;
                }
                if (c < 0x20) {
                    return MALFORMED;
                }
                if (c == '\\') {
                    i = escape(i + 1, out);
                } else if (c < 0x80) {
                    out.append((char) c);
                    i++;
                } else {
                    i = utf8(i, c, out);
                }
                if (i < 0) {
                    return i;
                }
            }
            return MALFORMED;
        }

        private int escape(int i, StringBuilder out) {
            if (i >= n) {
                return MALFORMED;
            }
            char decoded;
            switch (b[i]) {
                case '"' -> decoded = '"';
                case '\\' -> decoded = '\\';
                case '/' -> decoded = '/';
                case 'b' -> decoded = '\b';
                case 'f' -> decoded = '\f';
                case 'n' -> decoded = '\n';
                case 'r' -> decoded = '\r';
                case 't' -> decoded = '\t';
                case 'u' -> {
                    if (i + 4 >= n) {
                        return MALFORMED;
                    }
                    int code = 0;
                    for (int k = 1; k <= 4; k++) {
                        int digit = Character.digit(b[i + k], 16);
                        if (digit < 0) {
                            return MALFORMED;
                        }
                        code = code << 4 | digit;
                    }
                    out.append((char) code);
                    return i + 5;
                }
                default -> {
                    return MALFORMED;
                }
            }
            out.append(decoded);
            return i + 1;
        }

        /** Decodes the UTF-8 sequence led by {@code lead} at {@code i}, shortest form only. */
        private int utf8(int i, int lead, StringBuilder out) {
            int length;
            int code;
            int min;
            if (lead >= 0xC2 && lead <= 0xDF) {
                length = 2;
                code = lead & 0x1F;
                min = 0x80;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                length = 3;
                code = lead & 0x0F;
                min = 0x800;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                length = 4;
                code = lead & 0x07;
                min = 0x10000;
            } else {
                return MALFORMED;
            }
            if (i + length > n) {
                return MALFORMED;
            }
            for (int k = 1; k < length; k++) {
                int next = b[i + k] & 0xFF;
                if ((next & 0xC0) != 0x80) {
                    return MALFORMED;
                }
                code = code << 6 | (next & 0x3F);
            }
            if (code < min || code > Character.MAX_CODE_POINT || (code >= 0xD800 && code <= 0xDFFF)) {
                return MALFORMED;
            }
            out.appendCodePoint(code);
            return i + length;
        }

        /** {@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}, then a separator. */
        private int number(int from) {
            int i = from;
            if (b[i] == '-') {
                i++;
            }
            if (i < n && b[i] == '0') {
                i++;
            } else {
                int start = i;
                i = digits(i);
                if (i == start) {
                    return MALFORMED;
                }
            }
            if (i < n && b[i] == '.') {
                int start = ++i;
                i = digits(i);
                if (i == start) {
                    return MALFORMED;
                }
            }
            if (i < n && (b[i] == 'e' || b[i] == 'E')) {
                i++;
                if (i < n && (b[i] == '+' || b[i] == '-')) {
                    i++;
                }
                int start = i;
                i = digits(i);
                if (i == start) {
                    return MALFORMED;
                }
            }
            if (i - from > MAX_NUMBER) {
                return TOO_COMPLEX;
            }
            // A root-level number must be followed by white space: "1{" is no two values. Inside a
            // container whatever follows is read as a separator or closer, which it must be.
            return i == n || depth > 0 || isSpace(b[i]) ? i : MALFORMED;
        }

        private int digits(int from) {
            int i = from;
            while (i < n && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            return i;
        }

        /** {@code true}, {@code false} or {@code null}, ending where a value may end. */
        private int literal(int i) {
            String word = switch (b[i]) {
                case 't' -> "true";
                case 'f' -> "false";
                case 'n' -> "null";
                default -> "";
            };
            int end = i + word.length();
            if (word.isEmpty() || end > n) {
                return MALFORMED;
            }
            for (int k = 1; k < word.length(); k++) {
                if (b[i + k] != word.charAt(k)) {
                    return MALFORMED;
                }
            }
            // As in Jackson, a root literal needs no white space after it, only no word character.
            return end == n || depth > 0 ? end : isWordByte(b[end]) ? MALFORMED : end;
        }

        private boolean isWordByte(byte c) {
            return c < 0 || c == '_' || c == '$' || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
        }

        private boolean isSpace(byte c) {
            return c == ' ' || c == '\n' || c == '\r' || c == '\t';
        }

        private int space(int from) {
            int i = from;
            while (i < n && isSpace(b[i])) {
                i++;
            }
            return i;
        }

        /** Counts one token; false once the element cap is passed. */
        private boolean token() {
            return ++elements <= maxElements;
        }
    }
}
