package io.warden.rules.auth.token;

import java.time.Instant;

/**
 * Where token families live: in memory here, in Redis later (core), shared by every Warden of a
 * cluster. Implementations are thread-safe, and {@link #rotate} is atomic, which is what makes
 * two concurrent uses of one refresh token detectable. Calls may block on a remote store, like
 * everything in {@link TokenService}.
 */
public interface TokenFamilyStore {

    /** Records the family a login starts. */
    void create(TokenFamily family);

    /** The family, or null when unknown, expired or forgotten for room. */
    TokenFamily find(String familyId);

    /**
     * Replaces the family's current refresh token if it is still {@code expectedJti} and the family
     * is not revoked.
     *
     * @return false when another rotation came first or the family is revoked or gone
     */
    boolean rotate(String familyId, String expectedJti, String nextJti, Instant nextExpiresAt);

    /** Marks the family revoked; no-op when it is unknown. */
    void revoke(String familyId);
}
