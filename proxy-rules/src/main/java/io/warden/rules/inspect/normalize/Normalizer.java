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
        if (isPlain(raw) && !(form && raw.indexOf('+') >= 0)) {
            return new NormalizedValue(raw, raw, raw, 0);
        }
        boolean encoded = transport != Transport.NONE;
        int signals = 0;
        String text = raw;
        String received = raw;
        for (int round = 0; round < MAX_ROUNDS; round++) {
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
        PercentDecoder.Result folded = CharacterFolder.fold(text);
        signals |= folded.signals();
        text = folded.text();

        String markup = text;
        if (markup.indexOf('+') >= 0) {
            PercentDecoder.Result utf7 = Utf7Decoder.decode(markup);
            signals |= utf7.signals();
            markup = utf7.text();
        }
        for (int round = 0; round < MAX_ROUNDS; round++) {
            PercentDecoder.Result entities = HtmlEntityDecoder.decode(markup);
            PercentDecoder.Result escapes = ScriptEscapeDecoder.decode(entities.text());
            PercentDecoder.Result percent = PercentDecoder.decode(escapes.text(), false);
            if (!entities.changed() && !escapes.changed() && !percent.changed()) {
                break;
            }
            signals |= entities.signals() | escapes.signals() | percent.signals();
            PercentDecoder.Result refolded = CharacterFolder.fold(percent.text());
            signals |= refolded.signals();
            markup = refolded.text();
        }
        return new NormalizedValue(received, text, markup, signals);
    }

    /** True when no step could change the value: the common case, decided in one pass. */
    private static boolean isPlain(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20) {
                if (c != '\t' && c != '\n' && c != '\r') {
                    return false;
                }
            } else if (c == '%' || c == '&' || c == '\\' || c == '+' || (c >= 0x80 && CharacterFolder.folded(c) != c)) {
                return false;
            }
        }
        return true;
    }
}
