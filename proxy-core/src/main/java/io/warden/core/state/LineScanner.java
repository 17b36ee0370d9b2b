package io.warden.core.state;

import io.warden.rules.events.EventType;
import io.warden.rules.events.ThreatLevel;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the indexed fields of a stored event straight from its bytes, for lines in the layout
 * Warden writes (fields in the record's order, plain ASCII ids, ISO-8601 UTC time). Rebuilding
 * the index at start is then a pass over the bytes instead of a JSON parse per line (a million
 * events in well under a second). Any other layout answers null and is parsed properly instead.
 */
final class LineScanner {

    private static final byte[] EVENT_ID = ascii("{\"event_id\":\"");
    private static final byte[] EVENT_TYPE = ascii(",\"event_type\":\"");
    private static final byte[] LEVEL = ascii(",\"threat_level\":\"");
    private static final byte[] TIMESTAMP = ascii(",\"timestamp\":\"");
    private static final byte[] SOURCE_IP = ascii(",\"source_ip\":");
    private static final byte[] REQUEST_ID = ascii(",\"request_id\":");
    private static final byte[] NULL = ascii("null");
    private static final Map<String, EventType> TYPES = new HashMap<>();
    private static final Map<String, ThreatLevel> LEVELS = new HashMap<>();

    static {
        for (EventType t : EventType.values()) {
            TYPES.put(t.wireName(), t);
        }
        for (ThreatLevel l : ThreatLevel.values()) {
            LEVELS.put(l.wireName(), l);
        }
    }

    private final byte[] b;
    private final int end;
    private int at;

    private LineScanner(byte[] b, int start, int length) {
        this.b = b;
        this.at = start;
        this.end = start + length;
    }

    /** The line's index entry, or null when it is not in Warden's own layout. */
    static DayIndex.Entry scan(byte[] buffer, int start, int length, long offset) {
        return new LineScanner(buffer, start, length).entry(offset, length);
    }

    private DayIndex.Entry entry(long offset, int length) {
        if (!expect(EVENT_ID)) {
            return null;
        }
        int idStart = at;
        if (!skipString()) {
            return null;
        }
        int eventIdHash = hash(idStart, at - 1);
        EventType type = expect(EVENT_TYPE) ? TYPES.get(string()) : null;
        ThreatLevel level = type != null && expect(LEVEL) ? LEVELS.get(string()) : null;
        if (level == null || !expect(TIMESTAMP)) {
            return null;
        }
        int timeStart = at;
        if (!skipString()) {
            return null;
        }
        int millis = millisOfDay(timeStart, at - 1);
        if (millis < 0 || !expect(SOURCE_IP)) {
            return null;
        }
        long address = AddressKeys.NONE;
        if (!expect(NULL)) {
            if (at >= end || b[at++] != '"') {
                return null;
            }
            String ip = string();
            if (ip == null) {
                return null;
            }
            address = AddressKeys.of(ip);
        }
        if (!expect(REQUEST_ID)) {
            return null;
        }
        int requestIdHash = 0;
        if (!expect(NULL)) {
            if (at >= end || b[at++] != '"') {
                return null;
            }
            int s = at;
            if (!skipString()) {
                return null;
            }
            requestIdHash = hash(s, at - 1);
        }
        return new DayIndex.Entry(offset, length + 1, millis, type, level, address, requestIdHash, eventIdHash);
    }

    private boolean expect(byte[] token) {
        if (end - at < token.length) {
            return false;
        }
        for (int i = 0; i < token.length; i++) {
            if (b[at + i] != token[i]) {
                return false;
            }
        }
        at += token.length;
        return true;
    }

    /** Moves past a string's closing quote; false for escapes or non-ASCII, which the slow path handles. */
    private boolean skipString() {
        while (at < end) {
            byte c = b[at++];
            if (c == '"') {
                return true;
            }
            if (c == '\\' || c < 0x20) {
                return false;
            }
        }
        return false;
    }

    private String string() {
        int s = at;
        return skipString() ? new String(b, s, at - 1 - s, StandardCharsets.ISO_8859_1) : null;
    }

    /** {@link String#hashCode()} of the ASCII bytes, without making the string. */
    private int hash(int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + (b[i] & 0xff);
        }
        return h;
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} to milliseconds of its day; -1 for anything else. */
    private int millisOfDay(int from, int to) {
        int n = to - from;
        if (n < 20 || b[from + 10] != 'T' || b[from + 13] != ':' || b[from + 16] != ':' || b[to - 1] != 'Z') {
            return -1;
        }
        int h = digits(from + 11, 2);
        int m = digits(from + 14, 2);
        int s = digits(from + 17, 2);
        if (h < 0 || m < 0 || s < 0) {
            return -1;
        }
        int millis = 0;
        if (n > 20) {
            if (b[from + 19] != '.') {
                return -1;
            }
            int digits = Math.min(3, to - 1 - (from + 20));
            int fraction = digits(from + 20, digits);
            if (fraction < 0) {
                return -1;
            }
            millis = digits == 3 ? fraction : digits == 2 ? fraction * 10 : fraction * 100;
        }
        return ((h * 60 + m) * 60 + s) * 1000 + millis;
    }

    private int digits(int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
