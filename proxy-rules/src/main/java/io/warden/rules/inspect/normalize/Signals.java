package io.warden.rules.inspect.normalize;

/**
 * Bit flags for what normalisation had to undo. Some of them never occur in honest input
 * (overlong UTF-8, a NUL byte) and count as evidence on their own; the others only sharpen a
 * detector's judgement.
 */
public final class Signals {

    /** Percent escapes were decoded at least once beyond the transport's own decoding. */
    public static final int PERCENT_ENCODED = 1;
    /** Percent escapes decoded into further percent escapes: double encoding. */
    public static final int MULTI_ENCODED = 1 << 1;
    /** An overlong or masked UTF-8 sequence ({@code %c0%ae}); no honest client sends one. */
    public static final int OVERLONG_UTF8 = 1 << 2;
    /** A NUL character, literal or decoded. */
    public static final int NUL = 1 << 3;
    /** IIS-style {@code %uXXXX} escapes. */
    public static final int UNICODE_ESCAPE = 1 << 4;
    /** HTML character references were decoded. */
    public static final int HTML_ENTITIES = 1 << 5;
    /** Full-width or look-alike characters were folded to ASCII. */
    public static final int FOLDED = 1 << 6;
    /** JavaScript/C escapes ({@code \x3c}, {@code \\u0061}) were decoded. */
    public static final int SCRIPT_ESCAPES = 1 << 7;
    /** Control characters other than tab, CR and LF. */
    public static final int CONTROL_CHARS = 1 << 8;
    /** UTF-7 shifted runs were decoded. */
    public static final int UTF7 = 1 << 9;

    private Signals() {
    }

    public static boolean has(int signals, int flag) {
        return (signals & flag) != 0;
    }
}
