package io.warden.rules.inspect;

import java.util.Locale;
import java.util.Map;

/**
 * An immutable, ASCII case-insensitive word-to-code table that looks words up straight from a
 * range of the input, without allocating: detectors classify every word they meet, so a
 * {@code toLowerCase()} per word would dominate their cost.
 */
public final class WordTable {

    private final String[] keys;
    private final int[] codes;
    private final int mask;
    private final int longest;
    /**
     * Per first and last character (a-z, then everything else), a bit per key length present:
     * most words are rejected by it before any hashing. The last character matters as much as
     * the first: ids and prose words begin with the same letters as keys far more often than they
     * also end with the same letter at the same length.
     */
    private final long[] lengthsByEnds = new long[27 * 27];

    private WordTable(Map<String, Integer> words) {
        int size = Integer.highestOneBit(Math.max(4, words.size() * 3)) << 1;
        this.keys = new String[size];
        this.codes = new int[size];
        this.mask = size - 1;
        int max = 0;
        for (Map.Entry<String, Integer> e : words.entrySet()) {
            String key = e.getKey().toLowerCase(Locale.ROOT);
            max = Math.max(max, key.length());
            int slot = hash(key, 0, key.length()) & mask;
            while (keys[slot] != null && !keys[slot].equals(key)) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            codes[slot] = e.getValue();
            lengthsByEnds[ends(key.charAt(0), key.charAt(key.length() - 1))] |= 1L << Math.min(63, key.length());
        }
        this.longest = max;
    }

    /** A table of the given words, each mapped to its code (codes must not be 0). */
    public static WordTable of(Map<String, Integer> words) {
        return new WordTable(words);
    }

    /** The code of {@code text[from..to)}, compared ignoring ASCII case, or 0 when absent. */
    public int lookup(CharSequence text, int from, int to) {
        int len = to - from;
        if (len <= 0 || len > longest) {
            return 0;
        }
        int slot = hash(text, from, to) & mask;
        while (true) {
            String key = keys[slot];
            if (key == null) {
                return 0;
            }
            if (key.length() == len && matches(key, text, from)) {
                return codes[slot];
            }
            slot = (slot + 1) & mask;
        }
    }

    public int lookup(CharSequence text) {
        return lookup(text, 0, text.length());
    }

    /**
     * {@link #lookup(CharSequence, int, int)} for a {@code String}, the usual case: {@code String}'s
     * own {@code charAt} is inlined where a {@code CharSequence} call would have to dispatch.
     */
    public int lookup(String text, int from, int to) {
        int len = to - from;
        if (len <= 0 || len > longest
                || (lengthsByEnds[ends(text.charAt(from), text.charAt(to - 1))] >>> Math.min(63, len) & 1) == 0) {
            return 0;
        }
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + lower(text.charAt(i));
        }
        int slot = (h ^ (h >>> 16)) & mask;
        while (true) {
            String key = keys[slot];
            if (key == null) {
                return 0;
            }
            if (key.length() == len && matches(key, text, from)) {
                return codes[slot];
            }
            slot = (slot + 1) & mask;
        }
    }

    private static boolean matches(String key, String text, int from) {
        for (int k = 0, n = key.length(); k < n; k++) {
            if (key.charAt(k) != lower(text.charAt(from + k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(String key, CharSequence text, int from) {
        for (int k = 0, n = key.length(); k < n; k++) {
            if (key.charAt(k) != lower(text.charAt(from + k))) {
                return false;
            }
        }
        return true;
    }

    private static int hash(CharSequence s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + lower(s.charAt(i));
        }
        return h ^ (h >>> 16);
    }

    /** The {@link #lengthsByEnds} row of a word's first and last characters, in either case. */
    private static int ends(char first, char last) {
        return letterIndex(lower(first)) * 27 + letterIndex(lower(last));
    }

    private static int letterIndex(char lowerCase) {
        return lowerCase >= 'a' && lowerCase <= 'z' ? lowerCase - 'a' : 26;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
}
