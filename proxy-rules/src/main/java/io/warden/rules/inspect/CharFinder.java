package io.warden.rules.inspect;

import io.warden.rules.inspect.normalize.Symbols;

/**
 * Walks a text from one occurrence of a few characters to the next. Each character is searched
 * with {@link String#indexOf(int, int)}, a vectorised intrinsic, and each search resumes where
 * its last one ended, so a text with few of the characters is crossed at memory speed rather
 * than compared character by character, and the total work stays linear.
 */
public final class CharFinder {

    private final String s;
    private final int to;
    private final boolean whole;
    private final String chars;
    private final int[] next;

    /** A finder over {@code s[from, to)} for any character of {@code chars}. */
    public CharFinder(String s, int from, int to, String chars) {
        this(s, from, to, chars, Symbols.ALL);
    }

    /**
     * A finder over {@code s[from, to)}, part of a text whose {@link Symbols} census is
     * {@code symbols}: characters the census rules out are never searched for.
     */
    public CharFinder(String s, int from, int to, String chars, long symbols) {
        this.s = s;
        this.to = Math.min(to, s.length());
        this.whole = this.to == s.length();
        this.chars = chars;
        this.next = new int[chars.length()];
        for (int k = 0; k < next.length; k++) {
            next[k] = Symbols.mayHold(symbols, chars.charAt(k)) ? from - 1 : this.to;
        }
    }

    /** The first position at or after {@code from} holding one of the characters, or the window's end. */
    public int next(int from) {
        int best = to;
        for (int k = 0; k < next.length; k++) {
            if (next[k] < from) {
                next[k] = find(chars.charAt(k), from);
            }
            best = Math.min(best, next[k]);
        }
        return best;
    }

    private int find(char c, int from) {
        if (whole) {
            int at = s.indexOf(c, from);
            return at < 0 ? to : at;
        }
        // Inside a window indexOf could run past its end and make nested windows quadratic.
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return to;
    }
}
