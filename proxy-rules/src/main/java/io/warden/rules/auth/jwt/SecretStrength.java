package io.warden.rules.auth.jwt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Spots HMAC secrets that are long enough but guessable: few distinct characters, one character
 * class, a repeated pattern, a run like {@code abcd}/{@code 1234}, or common words and passwords
 * padded out to length ({@code changemechangeme...}, {@code your-256-bit-secret}). A secret that
 * signs tokens must be random; the answers never quote the secret.
 */
public final class SecretStrength {

    /** What must be left of a secret once common words, runs and separators are taken out. */
    static final int MIN_RESIDUE = 16;
    static final int MIN_DISTINCT = 8;

    private static final List<String> COMMON_WORDS = sortedLongestFirst(List.of(
            "password", "passwd", "secret", "changeme", "change", "default", "admin", "administrator", "root",
            "letmein", "welcome", "qwerty", "qwertz", "azerty", "asdf", "zxcv", "test", "testing", "example",
            "sample", "demo", "dummy", "jwt", "token", "key", "signing", "sign", "private", "public", "super",
            "my", "your", "our", "the", "for", "bit", "hs256", "hs512", "hmac", "auth", "api", "app", "dev",
            "development", "prod", "production", "staging", "local", "localhost", "warden", "fastapi", "django",
            "flask", "spring", "insecure", "unsafe", "not", "do", "use", "this", "please", "replace", "value",
            "string", "random", "generate", "here", "iloveyou", "monkey", "dragon", "master", "login", "access",
            "trustno", "hello", "world", "foobar", "foo", "bar", "baz", "lorem", "ipsum", "very", "long",
            "strong", "safe", "chat", "server", "backend", "company", "real", "estate", "abc", "xyz", "padded", "padding",
            "chars", "characters", "length", "least", "minimum", "to", "at"));

    private SecretStrength() {
    }

    /** Why {@code secret} is too weak to sign tokens, or null when no weakness is found. */
    public static String weakness(String secret) {
        if (secret == null || secret.isEmpty()) {
            return "is empty";
        }
        long distinct = secret.chars().distinct().count();
        if (distinct < MIN_DISTINCT) {
            return "uses only " + distinct + " distinct characters";
        }
        String onlyClass = singleClass(secret);
        if (onlyClass != null) {
            return "uses only " + onlyClass;
        }
        int period = repeatingPeriod(secret);
        if (period > 0) {
            return "repeats a pattern of " + period + " characters";
        }
        String lower = secret.toLowerCase(Locale.ROOT);
        int residue = Math.min(residue(lower), residue(unleet(lower)));
        if (residue < MIN_RESIDUE) {
            return "is built from common words or runs like abcd/1234, padded or repeated";
        }
        return null;
    }

    private static String singleClass(String s) {
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean other = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else {
                other = true;
            }
        }
        int classes = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
        if (classes > 1) {
            return null;
        }
        return lower ? "lowercase letters" : upper ? "uppercase letters" : digit ? "digits" : "symbols";
    }

    /**
     * The shortest period p (at most half the length) with which nine in ten characters repeat the
     * one p places before; 0 when there is none.
     */
    private static int repeatingPeriod(String s) {
        int n = s.length();
        for (int p = 1; p <= n / 2; p++) {
            int same = 0;
            for (int i = p; i < n; i++) {
                if (s.charAt(i) == s.charAt(i - p)) {
                    same++;
                }
            }
            if (same * 10 >= (n - p) * 9) {
                return p;
            }
        }
        return 0;
    }

    /** How many characters are left once common words, runs of three or more, and separators go. */
    private static int residue(String s) {
        String rest = s;
        for (String word : COMMON_WORDS) {
            rest = rest.replace(word, " ");
        }
        rest = withoutRuns(rest);
        int left = 0;
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (" -_.:/,;|".indexOf(c) < 0) {
                left++;
            }
        }
        return left;
    }

    /** Removes runs of 3+ characters that repeat or step by one: aaa, abc, 321. */
    private static String withoutRuns(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            int end = i + 1;
            if (end < s.length()) {
                int step = s.charAt(end) - s.charAt(i);
                if (Math.abs(step) <= 1) {
                    while (end + 1 < s.length() && s.charAt(end + 1) - s.charAt(end) == step) {
                        end++;
                    }
                    if (end - i + 1 >= 3) {
                        i = end + 1;
                        continue;
                    }
                }
            }
            out.append(s.charAt(i));
            i++;
        }
        return out.toString();
    }

    private static String unleet(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            c[i] = switch (c[i]) {
                case '0' -> 'o';
                case '1', '!' -> 'i';
                case '3' -> 'e';
                case '4', '@' -> 'a';
                case '5', '$' -> 's';
                case '7' -> 't';
                default -> c[i];
            };
        }
        return new String(c);
    }

    private static List<String> sortedLongestFirst(List<String> words) {
        List<String> sorted = new ArrayList<>(words);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return List.copyOf(sorted);
    }
}
