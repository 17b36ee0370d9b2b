package io.warden.core.state;

import io.warden.rules.events.EventType;
import io.warden.rules.events.ThreatLevel;

import java.util.Arrays;

/**
 * Where each event of one day file is and the facts a search filters on, in columns of
 * primitives (34 bytes an event: a million events take about 34 MB). One writer appends; any
 * number of readers read concurrently: the writer fills the entries, then publishes the new
 * count (volatile), so a reader that saw a count sees every entry below it.
 */
final class DayIndex {

    /** One event's index entry, as the writer hands it in. */
    record Entry(long offset, int length, int millisOfDay, EventType type, ThreatLevel level, long addressKey,
                 int requestIdHash, int eventIdHash) {
    }

    /** The arrays; replaced whole when they grow, entries copied first. */
    static final class Columns {
        final long[] offsets;
        final int[] lengths;
        final int[] millis;
        final byte[] types;
        final byte[] levels;
        final long[] addresses;
        final int[] requestIds;
        final int[] eventIds;

        Columns(int capacity) {
            offsets = new long[capacity];
            lengths = new int[capacity];
            millis = new int[capacity];
            types = new byte[capacity];
            levels = new byte[capacity];
            addresses = new long[capacity];
            requestIds = new int[capacity];
            eventIds = new int[capacity];
        }

        private Columns(Columns from, int capacity) {
            offsets = Arrays.copyOf(from.offsets, capacity);
            lengths = Arrays.copyOf(from.lengths, capacity);
            millis = Arrays.copyOf(from.millis, capacity);
            types = Arrays.copyOf(from.types, capacity);
            levels = Arrays.copyOf(from.levels, capacity);
            addresses = Arrays.copyOf(from.addresses, capacity);
            requestIds = Arrays.copyOf(from.requestIds, capacity);
            eventIds = Arrays.copyOf(from.eventIds, capacity);
        }

        int capacity() {
            return offsets.length;
        }
    }

    private volatile Columns columns = new Columns(256);
    private volatile int count;

    /** Writer only. */
    void add(Entry e) {
        int n = count;
        Columns c = columns;
        if (n == c.capacity()) {
            c = new Columns(c, c.capacity() * 2);
            columns = c;
        }
        c.offsets[n] = e.offset();
        c.lengths[n] = e.length();
        c.millis[n] = e.millisOfDay();
        c.types[n] = (byte) e.type().ordinal();
        c.levels[n] = (byte) e.level().ordinal();
        c.addresses[n] = e.addressKey();
        c.requestIds[n] = e.requestIdHash();
        c.eventIds[n] = e.eventIdHash();
        count = n + 1;
    }

    int count() {
        return count;
    }

    /** Read {@link #count()} first, then this: the columns then hold at least that many entries. */
    Columns columns() {
        return columns;
    }
}
