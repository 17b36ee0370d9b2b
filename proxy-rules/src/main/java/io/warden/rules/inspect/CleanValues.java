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

    /** Whether the value, whose {@link #hash} is {@code h}, was found clean in this kind and transport. */
    boolean contains(int h, String value, ValueKind kind, Transport transport) {
        int slot = h & (SLOTS - 1);
        if (hashes[slot] != h) {
            return false;
        }
        // The hash only filters: an entry and its hash are written apart, so the entry decides.
        Entry e = slots[slot];
        return e != null && e.kind == kind && e.transport == transport && e.value.equals(value);
    }

    /** Remembers the value, whose {@link #hash} is {@code h}, as clean in this kind and transport. */
    void add(int h, String value, ValueKind kind, Transport transport) {
        int slot = h & (SLOTS - 1);
        slots[slot] = new Entry(value, kind, transport);
        hashes[slot] = h;
    }

    /**
     * The value's slot hash. Values arrive as new strings whose own hash is not yet computed, and
     * {@link String#hashCode} takes one multiplication per character, each waiting for the last;
     * this one folds four characters into each multiplication. Equal hashes are only a filter.
     */
    static int hash(String value, ValueKind kind, Transport transport) {
        int n = value.length();
        int h = (n * 31 + kind.ordinal()) * 4 + transport.ordinal();
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            int four = value.charAt(i) ^ value.charAt(i + 1) << 8 ^ value.charAt(i + 2) << 16 ^ value.charAt(i + 3) << 24;
            h = (h ^ four) * GOLDEN;
        }
        for (; i < n; i++) {
            h = (h ^ value.charAt(i)) * GOLDEN;
        }
        return h ^ (h >>> 15);
    }

    /** 2^32 divided by the golden ratio: multiplying by it spreads every input bit upwards. */
    private static final int GOLDEN = 0x9E3779B1;
}
