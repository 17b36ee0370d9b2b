package io.warden.rules.inspect.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Bash brace expansion in a command word: {@code {,ifconfig}} runs ifconfig, {@code c{a,oun}t}
 * runs cat (and count), {@code {cat,/etc/passwd}} runs cat with an argument. Only the first
 * brace group is expanded, into at most {@link #MAX} words.
 */
final class BraceExpansion {

    private static final int MAX = 8;

    private BraceExpansion() {
    }

    /** The words the first brace group in {@code s[from, to)} expands to, normalised; empty when none. */
    static List<String> alternatives(String s, int from, int to) {
        int open = indexOf(s, '{', from, to);
        if (open < 0) {
            return List.of();
        }
        int close = indexOf(s, '}', open, to);
        if (close < 0) {
            close = to;
        }
        if (indexOf(s, ',', open, close) < 0) {
            return List.of();
        }
        String prefix = s.substring(from, open);
        String suffix = close < to ? s.substring(close + 1, to) : "";
        List<String> words = new ArrayList<>(4);
        int start = open + 1;
        while (start <= close && words.size() < MAX) {
            int end = indexOf(s, ',', start, close);
            if (end < 0) {
                end = close;
            }
            String word = prefix + s.substring(start, end) + suffix;
            String clean = ShellWords.normalise(word, 0, word.length()).toLowerCase(Locale.ROOT);
            if (!clean.isEmpty()) {
                words.add(clean);
            }
            start = end + 1;
        }
        return words;
    }

    /** The first {@code c} in {@code s[from, to)}, or -1: bounded, so a long text costs once, not per word. */
    private static int indexOf(String s, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }
}
