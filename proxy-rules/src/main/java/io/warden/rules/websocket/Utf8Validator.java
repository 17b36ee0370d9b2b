package io.warden.rules.websocket;

/**
 * Checks UTF-8 byte by byte, across as many pieces as a message arrives in (RFC 3629, as RFC 6455
 * requires of text messages): no overlong forms, no surrogates, nothing above U+10FFFF. A piece
 * may end inside a character; only the message's end must not. One instance per direction and
 * connection, reset for each message.
 */
public final class Utf8Validator {

    /** Continuation bytes still owed by the current character. */
    private int owed;
    /** The range the next continuation byte must be in; narrower right after some lead bytes. */
    private int low = 0x80;
    private int high = 0xBF;
    private boolean failed;

    /** Feeds one byte; false once the text is invalid (and from then on). */
    public boolean next(byte value) {
        if (failed) {
            return false;
        }
        int b = value & 0xFF;
        if (owed == 0) {
            if (b < 0x80) {
                return true;
            }
            if (b >= 0xC2 && b <= 0xDF) {
                expect(1, 0x80, 0xBF);
            } else if (b == 0xE0) {
                expect(2, 0xA0, 0xBF);
            } else if (b >= 0xE1 && b <= 0xEC || b == 0xEE || b == 0xEF) {
                expect(2, 0x80, 0xBF);
            } else if (b == 0xED) {
                expect(2, 0x80, 0x9F);
            } else if (b == 0xF0) {
                expect(3, 0x90, 0xBF);
            } else if (b >= 0xF1 && b <= 0xF3) {
                expect(3, 0x80, 0xBF);
            } else if (b == 0xF4) {
                expect(3, 0x80, 0x8F);
            } else {
                failed = true;
            }
            return !failed;
        }
        if (b < low || b > high) {
            failed = true;
            return false;
        }
        owed--;
        low = 0x80;
        high = 0xBF;
        return true;
    }

    /** Feeds {@code length} bytes of {@code bytes} from {@code offset}; false once the text is invalid. */
    public boolean next(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            if (owed == 0) {
                // runs of ASCII, most of a chat message, need no state
                while (i < end && bytes[i] >= 0) {
                    i++;
                }
                if (i == end) {
                    break;
                }
            }
            if (!next(bytes[i++])) {
                return false;
            }
        }
        return !failed;
    }

    /** Whether everything fed so far is valid and ends on a character boundary. */
    public boolean complete() {
        return !failed && owed == 0;
    }

    public void reset() {
        owed = 0;
        low = 0x80;
        high = 0xBF;
        failed = false;
    }

    private void expect(int count, int firstLow, int firstHigh) {
        owed = count;
        low = firstLow;
        high = firstHigh;
    }
}
