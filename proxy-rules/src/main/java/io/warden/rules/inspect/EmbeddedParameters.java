package io.warden.rules.inspect;

import java.util.function.BiConsumer;

/**
 * Finds a query or form string inside a value ({@code redirect=/x?id=1}, a logged form body,
 * {@code user[$ne]=1}): applications decode such nested parameters, so their names and values
 * are inspected on their own. Only a value that starts with {@code name=} qualifies.
 */
final class EmbeddedParameters {

    private static final int MAX_NAME = 64;
    private static final int MAX_PIECES = 32;

    private EmbeddedParameters() {
    }

    /**
     * Whether {@code text} starts like an embedded parameter ({@code name=}): checked before
     * {@link #forEach}, so a plain value does not even cost the callback.
     */
    static boolean mayHold(String text) {
        return nameEnd(text, 0) >= 0;
    }

    /** Calls {@code each} with every embedded (name, value); does nothing for a plain value. */
    static void forEach(String text, BiConsumer<String, String> each) {
        if (!mayHold(text)) {
            return;
        }
        int pieces = 0;
        int start = 0;
        while (start < text.length() && pieces < MAX_PIECES) {
            int eq = nameEnd(text, start);
            if (eq < 0) {
                return;
            }
            int end = nextPiece(text, eq + 1);
            each.accept(text.substring(start, eq), text.substring(eq + 1, end));
            pieces++;
            start = end + 1;
        }
    }

    /** The index of the '=' ending a parameter name at {@code from}, or -1. */
    private static int nameEnd(String s, int from) {
        int n = Math.min(s.length(), from + MAX_NAME + 1);
        if (from >= s.length() || !nameStart(s.charAt(from))) {
            return -1;
        }
        for (int i = from + 1; i < n; i++) {
            char c = s.charAt(i);
            if (c == '=') {
                return i;
            }
            if (!namePart(c)) {
                return -1;
            }
        }
        return -1;
    }

    /** The end of the value starting at {@code from}: the next '&' followed by a name and '='. */
    private static int nextPiece(String s, int from) {
        int amp = s.indexOf('&', from);
        while (amp >= 0) {
            if (nameEnd(s, amp + 1) >= 0) {
                return amp;
            }
            amp = s.indexOf('&', amp + 1);
        }
        return s.length();
    }

    private static boolean nameStart(char c) {
        int l = c | 0x20;
        return (l >= 'a' && l <= 'z') || c == '_';
    }

    private static boolean namePart(char c) {
        return nameStart(c) || (c >= '0' && c <= '9') || c == '[' || c == ']' || c == '.' || c == '-' || c == '$'
                || c == '@';
    }
}
