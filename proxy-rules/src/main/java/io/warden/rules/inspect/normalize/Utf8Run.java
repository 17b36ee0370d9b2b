package io.warden.rules.inspect.normalize;

/**
 * Decodes a run of escaped bytes the way the most lenient server would: valid UTF-8 as such,
 * overlong and masked sequences ({@code C0 AE}, {@code E0 80 AE}, {@code C1 1C}) to the character
 * they smuggle, and any other byte as Latin-1 so nothing an attacker sent is silently lost.
 */
final class Utf8Run {

    private Utf8Run() {
    }

    /**
     * Appends the decoded bytes {@code bytes[0..length)} to {@code out}.
     *
     * @return {@link Signals} raised while decoding (overlong, NUL, control characters)
     */
    static int decode(byte[] bytes, int length, StringBuilder out) {
        int signals = 0;
        int i = 0;
        while (i < length) {
            int b0 = bytes[i] & 0xff;
            if (b0 < 0x80) {
                signals |= append(out, b0);
                i++;
                continue;
            }
            int need = sequenceLength(b0);
            if (need == 0 || i + need > length) {
                signals |= append(out, b0);
                i++;
                continue;
            }
            if (b0 == 0xc0 || b0 == 0xc1) {
                // C0/C1 start no valid sequence; lenient decoders took the second byte's low six
                // bits: %c0%ae and %c1%ae are '.', %c0%af and %c1%af are '/', %c1%9c a separator.
                int cp = bytes[i + 1] & 0x3f;
                signals |= Signals.OVERLONG_UTF8 | append(out, cp);
                i += 2;
                continue;
            }
            if (!continuations(bytes, i + 1, need - 1)) {
                signals |= append(out, b0);
                i++;
                continue;
            }
            int cp = b0 & (0x7f >> need);
            for (int k = 1; k < need; k++) {
                cp = (cp << 6) | (bytes[i + k] & 0x3f);
            }
            if (cp < minimum(need) || cp > Character.MAX_CODE_POINT) {
                signals |= Signals.OVERLONG_UTF8;
                if (cp > Character.MAX_CODE_POINT) {
                    cp = 0xfffd;
                }
            }
            signals |= append(out, cp);
            i += need;
        }
        return signals;
    }

    private static int sequenceLength(int b0) {
        if (b0 >= 0xc0 && b0 < 0xe0) {
            return 2;
        }
        if (b0 >= 0xe0 && b0 < 0xf0) {
            return 3;
        }
        if (b0 >= 0xf0 && b0 < 0xf8) {
            return 4;
        }
        if (b0 >= 0xf8 && b0 < 0xfc) {
            return 5;
        }
        if (b0 >= 0xfc && b0 < 0xfe) {
            return 6;
        }
        return 0;
    }

    private static int minimum(int length) {
        return switch (length) {
            case 2 -> 0x80;
            case 3 -> 0x800;
            case 4 -> 0x10000;
            default -> Integer.MAX_VALUE;
        };
    }

    private static boolean continuations(byte[] bytes, int from, int count) {
        for (int k = 0; k < count; k++) {
            if ((bytes[from + k] & 0xc0) != 0x80) {
                return false;
            }
        }
        return true;
    }

    private static int append(StringBuilder out, int cp) {
        if (cp == 0) {
            return Signals.NUL;
        }
        if (Character.isBmpCodePoint(cp)) {
            out.append((char) cp);
        } else {
            out.appendCodePoint(cp);
        }
        return cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r' ? Signals.CONTROL_CHARS : 0;
    }
}
