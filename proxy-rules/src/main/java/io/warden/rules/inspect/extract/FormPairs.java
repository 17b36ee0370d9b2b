package io.warden.rules.inspect.extract;

/**
 * Splits a query string or an {@code application/x-www-form-urlencoded} body into its
 * name/value pieces, still encoded: decoding is the inspector's first normalisation round, so
 * evasion hidden in that very first round (overlong UTF-8) is still seen.
 */
public final class FormPairs {

    /** Receives one piece; {@code name} and {@code value} are still URL-encoded. */
    @FunctionalInterface
    public interface Visitor {
        void pair(String name, String value);
    }

    private FormPairs() {
    }

    /** Visits every {@code name=value} (or bare {@code name}) separated by '&', at most {@code maxPairs}. */
    public static void forEach(CharSequence encoded, int maxPairs, Visitor visitor) {
        int n = encoded.length();
        int start = 0;
        int pairs = 0;
        while (start <= n && pairs < maxPairs) {
            int end = start;
            int eq = -1;
            while (end < n && encoded.charAt(end) != '&') {
                if (eq < 0 && encoded.charAt(end) == '=') {
                    eq = end;
                }
                end++;
            }
            if (end > start) {
                String piece = encoded.subSequence(start, end).toString();
                if (eq < 0) {
                    visitor.pair(piece, "");
                } else {
                    visitor.pair(piece.substring(0, eq - start), piece.substring(eq - start + 1));
                }
                pairs++;
            }
            start = end + 1;
        }
    }
}
