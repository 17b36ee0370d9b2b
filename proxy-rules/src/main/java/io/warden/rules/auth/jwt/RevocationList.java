package io.warden.rules.auth.jwt;

import java.time.Instant;

/**
 * Token ids ({@code jti}, and token-family ids) that must no longer be accepted. An entry only
 * needs to live as long as the token it revokes, after which the token is dead anyway.
 * Implementations are thread-safe and answer {@link #isRevoked} from memory without blocking: it
 * runs on the event loop for every token that carries an id. Core may back it with Redis later.
 */
public interface RevocationList {

    boolean isRevoked(String id);

    /**
     * @param expiresAt when the revoked token expires; the entry may be forgotten after that
     */
    void revoke(String id, Instant expiresAt);
}
