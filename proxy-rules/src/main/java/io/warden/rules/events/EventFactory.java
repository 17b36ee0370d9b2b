package io.warden.rules.events;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Stamps events with an id and the time, so checks only say what happened. */
public final class EventFactory {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final InstantSource clock;

    public EventFactory(InstantSource clock) {
        this.clock = clock;
    }

    public SecurityEvent create(EventType type, ThreatLevel level, String sourceIp, String requestId,
                                String route, Map<String, Object> details) {
        return new SecurityEvent(newId(), type, level, now(), sourceIp, requestId, route, details);
    }

    public Instant now() {
        return clock.instant();
    }

    /** A random 128-bit id in UUID text form; unique enough and cheap (no SecureRandom lock). */
    public static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long hi = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lo = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        char[] out = new char[36];
        int at = 0;
        at = hex(hi >>> 32, 8, out, at);
        out[at++] = '-';
        at = hex(hi >>> 16, 4, out, at);
        out[at++] = '-';
        at = hex(hi, 4, out, at);
        out[at++] = '-';
        at = hex(lo >>> 48, 4, out, at);
        out[at++] = '-';
        hex(lo, 12, out, at);
        return new String(out);
    }

    private static int hex(long value, int digits, char[] out, int at) {
        for (int i = digits - 1; i >= 0; i--) {
            out[at + i] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
        return at + digits;
    }
}
