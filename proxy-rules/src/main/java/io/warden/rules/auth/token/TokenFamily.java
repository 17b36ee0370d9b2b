package io.warden.rules.auth.token;

import java.time.Instant;
import java.util.Objects;

/**
 * The refresh-token chain of one login. Only the newest refresh token ({@code currentJti}) may be
 * used; presenting an older one means a copy was stolen, and the whole family is revoked.
 *
 * @param expiresAt when the newest refresh token expires; the family is forgotten after that
 * @param revoked whether the family was ended (logout, reuse); kept until expiry so later use is seen
 */
public record TokenFamily(String familyId, String subject, String currentJti, Instant expiresAt, boolean revoked) {

    public TokenFamily {
        Objects.requireNonNull(familyId, "familyId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(currentJti, "currentJti");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
