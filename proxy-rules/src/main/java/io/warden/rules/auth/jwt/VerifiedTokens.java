package io.warden.rules.auth.jwt;

import java.time.Instant;

/**
 * Tokens recently found valid, so a client that sends the same token with every request pays for
 * decoding it and checking its signature once rather than each time (both together cost more than
 * the rest of a request's checks). Only what cannot change for the same token, rules and key is
 * remembered: the key's presence, the times and the revocation list are checked on every use.
 *
 * <p>A fixed direct-mapped table: a colliding token replaces the one in its slot, so memory is
 * bounded whatever clients send, and a flood of distinct tokens only costs misses. Tokens are
 * compared in time independent of where they differ, so a probe learns nothing of a remembered
 * token from how long a miss took. Thread-safe without locks: slots hold immutable entries.
 */
final class VerifiedTokens {

    /** Longer tokens are verified every time: a kept token costs its length in memory. */
    static final int MAX_TOKEN_CHARS = 4096;
    private static final int SLOTS = 1024;

    /**
     * @param key the key whose signature check the token passed
     * @param notBefore the token's {@code nbf}, or null
     */
    record Entry(String token, JwtRules rules, VerificationKey key, Instant notBefore,
                 VerificationResult.Valid result) {
    }

    private final Entry[] slots = new Entry[SLOTS];

    /** The entry for {@code token} verified under {@code rules}, or null. */
    Entry find(String token, JwtRules rules) {
        Entry e = slots[slot(token)];
        if (e == null || !sameToken(e.token, token)) {
            return null;
        }
        return e.rules == rules || e.rules.equals(rules) ? e : null;
    }

    void add(Entry entry) {
        if (entry.token.length() <= MAX_TOKEN_CHARS) {
            slots[slot(entry.token)] = entry;
        }
    }

    private static int slot(String token) {
        int h = token.hashCode();
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }

    /** Equality that reads every character whatever differs. */
    static boolean sameToken(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        int diff = 0;
        for (int i = 0; i < a.length(); i++) {
            diff |= a.charAt(i) ^ b.charAt(i);
        }
        return diff == 0;
    }
}
