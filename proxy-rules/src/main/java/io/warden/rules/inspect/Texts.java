package io.warden.rules.inspect;

/** Fast, allocation-free text searches the detectors share. */
public final class Texts {

    private Texts() {
    }

    /**
     * The index of {@code lowerNeedle} in {@code s[from, to)} ignoring ASCII case, or -1. The
     * needle must be lower case; only positions whose first character matches are compared.
     */
    public static int indexOfIgnoreCase(String s, String lowerNeedle, int from, int to) {
        int len = lowerNeedle.length();
        if (len == 0) {
            return from;
        }
        char first = lowerNeedle.charAt(0);
        char upper = Character.toUpperCase(first);
        int last = Math.min(to, s.length()) - len;
        int i = Math.max(0, from);
        if (to < s.length()) {
            // A window inside a longer text: indexOf below could run past it, so compare in place.
            for (; i <= last; i++) {
                char c = s.charAt(i);
                if ((c == first || c == upper) && s.regionMatches(true, i + 1, lowerNeedle, 1, len - 1)) {
                    return i;
                }
            }
            return -1;
        }
        // String.indexOf(char) is a vectorised intrinsic: jump between candidate first characters.
        int nextLower = s.indexOf(first, i);
        int nextUpper = upper == first ? -1 : s.indexOf(upper, i);
        while (true) {
            int at = nextLower < 0 ? nextUpper : nextUpper < 0 ? nextLower : Math.min(nextLower, nextUpper);
            if (at < 0 || at > last) {
                return -1;
            }
            if (s.regionMatches(true, at + 1, lowerNeedle, 1, len - 1)) {
                return at;
            }
            if (at == nextLower) {
                nextLower = s.indexOf(first, at + 1);
            } else {
                nextUpper = s.indexOf(upper, at + 1);
            }
        }
    }

    public static int indexOfIgnoreCase(String s, String lowerNeedle) {
        return indexOfIgnoreCase(s, lowerNeedle, 0, s.length());
    }

    public static boolean containsIgnoreCase(String s, String lowerNeedle) {
        return indexOfIgnoreCase(s, lowerNeedle, 0, s.length()) >= 0;
    }
}
