package io.warden.rules.inspect.normalize;

/**
 * Folds the compatibility and look-alike characters attackers use to slip syntax past ASCII
 * matchers: full-width forms ({@code ＜ｓｃｒｉｐｔ＞}), slash and dot look-alikes, typographic
 * quotes, exotic spaces; drops zero-width characters and NUL. One character in, at most one out.
 */
final class CharacterFolder {

    private CharacterFolder() {
    }

    static PercentDecoder.Result fold(String s) {
        int first = firstFoldable(s);
        if (first < 0) {
            return new PercentDecoder.Result(s, 0, false);
        }
        StringBuilder out = new StringBuilder(s.length());
        out.append(s, 0, first);
        int signals = 0;
        for (int i = first, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            char f = folded(c);
            if (f == c) {
                if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                    signals |= Signals.CONTROL_CHARS;
                }
                out.append(c);
            } else if (c == 0) {
                signals |= Signals.NUL;
            } else if (f == 0) {
                signals |= Signals.FOLDED;
            } else {
                if (c >= 0x80) {
                    signals |= Signals.FOLDED;
                }
                out.append(f);
            }
        }
        return new PercentDecoder.Result(out.toString(), signals, true);
    }

    private static int firstFoldable(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x80 && folded(c) != c)) {
                return i;
            }
        }
        return -1;
    }

    /** The ASCII stand-in for {@code c}, 0 to drop it, or {@code c} itself. */
    static char folded(char c) {
        if (c < 0x80) {
            return c == 0 ? 0 : c;
        }
        if (c >= 0xff01 && c <= 0xff5e) {
            return (char) (c - 0xfee0);
        }
        return switch (c) {
            case '\u00a0', '\u1680', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005',
                    '\u2006', '\u2007', '\u2008', '\u2009', '\u200a', '\u202f', '\u205f', '\u3000' -> ' ';
            case '\u2028', '\u2029', '\u0085' -> '\n';
            case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u180e' -> 0;
            case '\u2018', '\u2019', '\u201b', '\u2032', '\u00b4', '\u02b9', '\u02bc', '\u02c8' -> '\'';
            case '\u201c', '\u201d', '\u201f', '\u2033', '\u02ba' -> '"';
            case '\u2024', '\ufe52' -> '.';
            case '\u2215', '\u2044', '\u29f8' -> '/';
            case '\u2216', '\u29f5', '\u29f9', '\ufe68' -> '\\';
            case '\ufe64' -> '<';
            case '\ufe65' -> '>';
            case '\ufe5d' -> '(';
            case '\ufe5e' -> ')';
            case '\ufe54' -> ';';
            default -> c;
        };
    }
}
