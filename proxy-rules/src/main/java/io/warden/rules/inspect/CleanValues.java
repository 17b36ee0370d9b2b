package io.warden.rules.inspect;

import io.warden.rules.inspect.normalize.Transport;

/**
 * Short values recently inspected and found clean. Requests repeat most of their values
 * (conversation and user ids, locales, page names, client tags, User-Agent), and a detector's
 * answer depends only on the value, its kind and its transport, so a value seen clean is clean
 * again without reading it. Long values (the chat text itself) are never kept.
 *
 * <p>A fixed direct-mapped table: a colliding value replaces the one in its slot, so the table's
 * size is bounded whatever an attacker sends, and a flood of distinct values only costs misses.
 * Only values that produced no finding at all enter it; exclusions are applied after
 * inspection, so a value excluded from a rule at one location is never remembered as clean.
 * Thread-safe without locks: slots hold immutable entries, and a lost or stale write is a miss.
 */
final class CleanValues {

    /** Longer values are inspected every time: a kept value costs its length in memory. */
    static final int MAX_LENGTH = 256;
    private static final int SLOTS = 4096;

    private record Entry(String value, ValueKind kind, Transport transport) {
    }

    private final Entry[] slots = new Entry[SLOTS];
    /**
     * Each slot's entry's hash, kept beside the entries: a value not in the table (a new id) is
     * told apart by this array alone, which stays in the CPU's cache, where reading the entry
     * and its string would be two or three loads from wherever the heap put them.
     */
    private final int[] hashes = new int[SLOTS];

    static boolean fits(String value) {
        return value.length() <= MAX_LENGTH;
    }

    boolean contains(String value, ValueKind kind, Transport transport) {
        int h = hash(value, kind, transport);
        int slot = h & (SLOTS - 1);
        if (hashes[slot] != h) {
            return false;
        }
        // The hash only filters: an entry and its hash are written apart, so the entry decides.
        Entry e = slots[slot];
        return e != null && e.kind == kind && e.transport == transport && e.value.equals(value);
    }

    void add(String value, ValueKind kind, Transport transport) {
        int h = hash(value, kind, transport);
        int slot = h & (SLOTS - 1);
        slots[slot] = new Entry(value, kind, transport);
        hashes[slot] = h;
    }

    private static int hash(String value, ValueKind kind, Transport transport) {
        int h = value.hashCode() * 31 + kind.ordinal() * 4 + transport.ordinal();
        return h ^ (h >>> 15);
    }
}
