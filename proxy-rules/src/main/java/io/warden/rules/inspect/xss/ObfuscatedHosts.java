package io.warden.rules.inspect.xss;

/**
 * URL hosts written to slip past address filters: an IPv4 address as one integer
 * ({@code http://1113982867/}), in hexadecimal or octal parts ({@code http://0x42.0102.07.0x93/}).
 * No link a person shares looks like that.
 */
final class ObfuscatedHosts {

    private ObfuscatedHosts() {
    }

    static boolean isObfuscated(String s, int from, int to) {
        int scheme = indexOf(s, "//", from, to);
        if (scheme < 0) {
            return false;
        }
        int start = scheme + 2;
        int end = start;
        while (end < to && s.charAt(end) != '/' && s.charAt(end) != ':' && s.charAt(end) != '?') {
            end++;
        }
        if (end == start) {
            return false;
        }
        boolean digitsOnly = true;
        boolean oddPart = false;
        int partStart = start;
        for (int i = start; i <= end; i++) {
            char c = i < end ? s.charAt(i) : '.';
            if (c == '.') {
                if (i - partStart >= 2 && s.charAt(partStart) == '0') {
                    oddPart = true;
                }
                partStart = i + 1;
            } else if (!Character.isDigit(c) && !((c | 0x20) == 'x' && i == partStart + 1)
                    && Character.digit(c, 16) < 0) {
                return false;
            } else if (!Character.isDigit(c)) {
                digitsOnly = false;
            }
        }
        boolean oneInteger = digitsOnly && indexOf(s, ".", start, end) < 0 && end - start >= 8;
        return oneInteger || oddPart;
    }

    private static int indexOf(String s, String needle, int from, int to) {
        for (int i = from; i + needle.length() <= to; i++) {
            if (s.startsWith(needle, i)) {
                return i;
            }
        }
        return -1;
    }
}
