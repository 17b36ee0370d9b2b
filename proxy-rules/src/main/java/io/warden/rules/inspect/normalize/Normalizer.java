package io.warden.rules.inspect.normalize;

/**
 * Produces the detector views of a value. Every step is a single linear pass whose output is
 * never longer than its input, and the number of rounds is fixed, so the whole normalisation is
 * linear in the input and bounded in size whatever an attacker nests.
 */
public final class Normalizer {

    /** Decoding rounds: enough for triple encoding plus a mixed entity/percent layer. */
    private static final int MAX_ROUNDS = 4;

    private Normalizer() {
    }

    /** Normalises a value as the application receives it (a JSON string, a header). */
    public static NormalizedValue normalize(String raw) {
        return normalize(raw, Transport.NONE);
    }

    /**
     * Normalises a value.
     *
     * @param transport the encoding {@code raw} is still in: the first decoding round of a query,
     *                  form or path piece is the transport's own and no sign of evasion
     */
    public static NormalizedValue normalize(String raw, Transport transport) {
        boolean form = transport == Transport.FORM;
        long census = census(raw);
        boolean percent = (census & PERCENT) != 0 || (form && (census & PLUS) != 0);
        if (!percent && (census & (FOLDABLE | MARKUP | UTF7)) == 0) {
            return new NormalizedValue(raw, raw, raw, 0, symbols(census));
        }
        boolean encoded = transport != Transport.NONE;
        int signals = 0;
        String text = raw;
        String received = raw;
        for (int round = 0; percent && round < MAX_ROUNDS; round++) {
            boolean transportRound = encoded && round == 0;
            boolean plus = (transportRound && form) || (!transportRound && PercentDecoder.hasEscape(text));
            PercentDecoder.Result r = PercentDecoder.decode(text, plus);
            if (transportRound) {
                received = r.text();
            }
            if (!r.changed()) {
                break;
            }
            int layer = transportRound ? 0
                    : round == (encoded ? 1 : 0) ? Signals.PERCENT_ENCODED : Signals.MULTI_ENCODED;
            signals |= r.signals() | layer;
            text = r.text();
        }
        if (text != raw || (census & FOLDABLE) != 0) {
            PercentDecoder.Result folded = CharacterFolder.fold(text);
            signals |= folded.signals();
            text = folded.text();
        }
        if (text != raw) {
            census = census(text);
        }
        String markup = text;
        if ((census & UTF7) != 0) {
            PercentDecoder.Result utf7 = Utf7Decoder.decode(markup);
            signals |= utf7.signals();
            markup = utf7.text();
        }
        for (int round = 0; (census & (MARKUP | UTF7)) != 0 && round < MAX_ROUNDS; round++) {
            PercentDecoder.Result entities = HtmlEntityDecoder.decode(markup);
            PercentDecoder.Result escapes = ScriptEscapeDecoder.decode(entities.text());
            PercentDecoder.Result decoded = PercentDecoder.decode(escapes.text(), false);
            if (!entities.changed() && !escapes.changed() && !decoded.changed()) {
                break;
            }
            signals |= entities.signals() | escapes.signals() | decoded.signals();
            PercentDecoder.Result refolded = CharacterFolder.fold(decoded.text());
            signals |= refolded.signals();
            markup = refolded.text();
        }
        long symbols = symbols(census);
        if (markup != text) {
            symbols |= Symbols.of(markup, 0, markup.length());
        }
        return new NormalizedValue(received, text, markup, signals, symbols);
    }

    private static final long PERCENT = 1L << 48;
    private static final long PLUS = 1L << 49;
    private static final long FOLDABLE = 1L << 50;
    /** '&' or '\\': entity or script-escape decoding may change the markup view. */
    private static final long MARKUP = 1L << 51;
    /** "+A": a UTF-7 shifted run may start. */
    private static final long UTF7 = 1L << 52;
    /**
     * The symbols {@link #census} looks at further: escapes, '+', markup escapes, and control
     * characters (tab, CR and LF count as white space, not as control).
     */
    private static final long NEEDS_LOOK = Symbols.of("%+&\\") | Symbols.CONTROL;

    /**
     * Which normalisation steps could change {@code s} (the high bits) and which {@link Symbols}
     * it holds (the low bits). One pass collects the symbols; the few characters that steer
     * normalisation are then looked at only when the pass saw them, so the per-character loop has
     * no branch that ordinary text takes.
     */
    private static long census(String s) {
        long found = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                found |= Symbols.bit(c);
            } else {
                found |= Symbols.NON_ASCII;
                if (CharacterFolder.folded(c) != c) {
                    found |= FOLDABLE;
                }
            }
        }
        if ((found & NEEDS_LOOK) == 0) {
            return found;
        }
        if ((found & PERCENT_SIGN) != 0 && hasEscape(s)) {
            found |= PERCENT;
        }
        if ((found & PLUS_SIGN) != 0) {
            found |= s.contains("+A") ? PLUS | UTF7 : PLUS;
        }
        if ((found & MARKUP_SIGNS) != 0) {
            found |= MARKUP;
        }
        if ((found & Symbols.CONTROL) != 0 && hasControl(s)) {
            found |= FOLDABLE;
        }
        return found;
    }

    private static final long PERCENT_SIGN = Symbols.of("%");
    private static final long PLUS_SIGN = Symbols.of("+");
    private static final long MARKUP_SIGNS = Symbols.of("&\\");

    /** A '%' followed by two hex digits or by 'u' (the non-standard %uXXXX). */
    private static boolean hasEscape(String s) {
        int n = s.length();
        for (int i = s.indexOf('%'); i >= 0 && i + 2 < n; i = s.indexOf('%', i + 1)) {
            if ((PercentDecoder.hexDigit(s.charAt(i + 1)) >= 0 && PercentDecoder.hexDigit(s.charAt(i + 2)) >= 0)
                    || (s.charAt(i + 1) | 0x20) == 'u') {
                return true;
            }
        }
        return false;
    }

    /** A control character other than tab, CR and LF (DEL counts as control for symbols, not here). */
    private static boolean hasControl(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return true;
            }
        }
        return false;
    }

    private static long symbols(long census) {
        return census & Symbols.ALL;
    }
}
