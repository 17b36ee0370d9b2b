package io.warden.rules.inspect;

/** Fast, allocation-free text searches the detectors share. */
public final class Texts {

    private Texts() {
    }

    /**
     * Each letter's rank from the most frequent in English text ('e', rank 0, written 'A') to the
     * least ('z', rank 25, written 'Z'), indexed by letter.
     */
    private static final String LETTER_RANK = "CTLKAOQIEXVJNFDPYHGBMURWSZ";
    /**
     * Punctuation ranks above every letter: it is rare in prose too, and having no case it is
     * found in one {@link String#indexOf(int, int)} pass where a letter takes two.
     */
    private static final int PUNCTUATION_RANK = 27;
    /**
     * Except the punctuation of ordinary values, which ranks with digits: ids, dates, paths and
     * prose are full of it ("-moz-binding" is looked for from its 'z', not from its dashes).
     */
    private static final String COMMON_PUNCTUATION = "-.,:/'_";
    private static final int COMMON_RANK = 20;

    /**
     * The index of {@code lowerNeedle} in {@code s[from, to)} ignoring ASCII case, or -1. The
     * needle must be lower case. The search jumps between occurrences of the needle's rarest
     * character ("x" of "expression", "(" of "url("), so prose is skipped by the vectorised
     * {@link String#indexOf(int, int)} instead of being compared at every "e".
     */
    public static int indexOfIgnoreCase(String s, String lowerNeedle, int from, int to) {
        return indexOfIgnoreCase(s, lowerNeedle, rarest(lowerNeedle), from, to);
    }

    /** {@link #indexOfIgnoreCase(String, String, int, int)} for a needle prepared once. */
    public static int indexOfIgnoreCase(String s, Needle needle, int from, int to) {
        return indexOfIgnoreCase(s, needle.lower(), needle.rarest(), from, to);
    }

    /**
     * A lower-case needle and the index of its rarest character, found once for a needle that
     * is searched for in every value.
     */
    public record Needle(String lower, int rarest) {
        public static Needle of(String lowerNeedle) {
            return new Needle(lowerNeedle, Texts.rarest(lowerNeedle));
        }
    }

    private static int indexOfIgnoreCase(String s, String lowerNeedle, int k, int from, int to) {
        int len = lowerNeedle.length();
        if (len == 0) {
            return from;
        }
        char lower = lowerNeedle.charAt(k);
        char upper = Character.toUpperCase(lower);
        int last = Math.min(to, s.length()) - len;
        int i = Math.max(0, from);
        if (i > last) {
            return -1;
        }
        if (to < s.length()) {
            // A window inside a longer text: indexOf below could run past it, so compare in place.
            for (; i <= last; i++) {
                char c = s.charAt(i + k);
                if ((c == lower || c == upper) && s.regionMatches(true, i, lowerNeedle, 0, len)) {
                    return i;
                }
            }
            return -1;
        }
        int nextLower = s.indexOf(lower, i + k);
        int nextUpper = upper == lower ? -1 : s.indexOf(upper, i + k);
        while (true) {
            int at = nextLower < 0 ? nextUpper : nextUpper < 0 ? nextLower : Math.min(nextLower, nextUpper);
            if (at < 0 || at - k > last) {
                return -1;
            }
            if (s.regionMatches(true, at - k, lowerNeedle, 0, len)) {
                return at - k;
            }
            if (at == nextLower) {
                nextLower = s.indexOf(lower, at + 1);
            } else {
                nextUpper = s.indexOf(upper, at + 1);
            }
        }
    }

    /** The index of the needle character least likely to occur in ordinary text. */
    private static int rarest(String lowerNeedle) {
        int best = 0;
        int bestRank = -1;
        for (int i = 0; i < lowerNeedle.length(); i++) {
            char c = lowerNeedle.charAt(i);
            int rank = c == ' ' ? 0 : c >= 'a' && c <= 'z' ? LETTER_RANK.charAt(c - 'a') - 'A' + 1
                    : (c >= '0' && c <= '9') || COMMON_PUNCTUATION.indexOf(c) >= 0 ? COMMON_RANK : PUNCTUATION_RANK;
            if (rank > bestRank) {
                best = i;
                bestRank = rank;
            }
        }
        return best;
    }

    public static int indexOfIgnoreCase(String s, String lowerNeedle) {
        return indexOfIgnoreCase(s, lowerNeedle, 0, s.length());
    }

    public static boolean containsIgnoreCase(String s, String lowerNeedle) {
        return indexOfIgnoreCase(s, lowerNeedle, 0, s.length()) >= 0;
    }
}
