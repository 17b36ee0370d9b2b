package io.warden.rules.inspect.normalize;

/**
 * Which kinds of characters a value holds, as bits of a {@code long}: one bit for each of the 32
 * ASCII punctuation characters, and bits for white space, line breaks (white space too), other
 * control characters, digits and non-ASCII. Normalisation records them in the pass it makes
 * anyway, so a detector can tell in one operation that a value holds none of the characters its
 * syntax needs; ids, names and enum-like values then cost nothing.
 */
public final class Symbols {

    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    public static final long SPACE = 1L << 32;
    public static final long CONTROL = 1L << 33;
    public static final long DIGIT = 1L << 34;
    public static final long NON_ASCII = 1L << 35;
    /** '\n' or '\r', which are {@link #SPACE} as well. */
    public static final long LINE_BREAK = 1L << 36;
    /** Every bit: for a value whose symbols were not counted. */
    public static final long ALL = (1L << 37) - 1;

    private Symbols() {
    }

    /** The bits of the given punctuation characters. */
    public static long of(String punctuation) {
        long bits = 0;
        for (int i = 0; i < punctuation.length(); i++) {
            bits |= bit(punctuation.charAt(i));
        }
        return bits;
    }

    /**
     * Whether a text whose census is {@code symbols} may hold {@code c}: false only when the
     * census lacks a bit {@code c} sets. Letters set none, so they may always be there.
     */
    public static boolean mayHold(long symbols, char c) {
        long bits = bit(c);
        return (symbols & bits) == bits;
    }

    /** {@link #bitOf} of each ASCII character, so the per-character passes read a table. */
    private static final long[] ASCII = asciiBits();

    private static long[] asciiBits() {
        long[] bits = new long[0x80];
        for (char c = 0; c < 0x80; c++) {
            bits[c] = bitOf(c);
        }
        return bits;
    }

    /** The bit of one character; 0 for an ASCII letter. */
    static long bit(char c) {
        return c < 0x80 ? ASCII[c] : NON_ASCII;
    }

    private static long bitOf(char c) {
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
            return 0;
        }
        if (c >= '0' && c <= '9') {
            return DIGIT;
        }
        if (c == '\n' || c == '\r') {
            return SPACE | LINE_BREAK;
        }
        if (c == ' ' || c == '\t') {
            return SPACE;
        }
        if (c < 0x20 || c == 0x7f) {
            return CONTROL;
        }
        int at = PUNCTUATION.indexOf(c);
        return at >= 0 ? 1L << at : 0;
    }

    /** The symbols of a whole text. */
    static long of(String s, int from, int to) {
        long bits = 0;
        for (int i = from; i < to; i++) {
            bits |= bit(s.charAt(i));
        }
        return bits;
    }
}
