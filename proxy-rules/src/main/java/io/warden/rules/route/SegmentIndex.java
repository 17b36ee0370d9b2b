package io.warden.rules.route;

import java.util.Map;

/**
 * Routes by their first path segment, looked up straight from the path's characters so a lookup
 * makes no substring: an open-addressing table keyed by the lower-case literal, hashed as
 * {@link String#hashCode()} hashes it, with ASCII case folded while hashing the path.
 */
final class SegmentIndex<V> {

    private final String[] keys;
    private final Object[] values;
    private final int mask;

    SegmentIndex(Map<String, V> entries) {
        int size = Integer.highestOneBit(Math.max(4, entries.size() * 2 + 1)) << 1;
        keys = new String[size];
        values = new Object[size];
        mask = size - 1;
        entries.forEach((key, value) -> {
            int slot = spread(key.hashCode()) & mask;
            while (keys[slot] != null) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            values[slot] = value;
        });
    }

    /** The value of the segment {@code path[from, to)}, or {@code absent}. */
    @SuppressWarnings("unchecked")
    V get(String path, int from, int to, V absent) {
        int h = 0;
        for (int i = from; i < to; i++) {
            char c = path.charAt(i);
            h = 31 * h + (c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        for (int slot = spread(h) & mask; keys[slot] != null; slot = (slot + 1) & mask) {
            if (PathPattern.sameSegment(keys[slot], path, from, to)) {
                return (V) values[slot];
            }
        }
        return absent;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
