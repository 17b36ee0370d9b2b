package io.warden.rules.auth.jwt;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A token whose signature and claims passed.
 *
 * @param subject who the token speaks for: printable ASCII, safe for a header
 * @param jti the token id, or null
 * @param expiresAt always present: tokens without {@code exp} are refused
 * @param issuedAt or null
 * @param claims every claim of the payload as plain Java values (String, Long, Double, Boolean,
 *               List, Map; JSON nulls left out), unmodifiable
 */
public record VerifiedToken(String subject, String jti, String issuer, List<String> audience, Instant issuedAt,
                            Instant expiresAt, JwtAlgorithm algorithm, String kid, Map<String, Object> claims) {

    public VerifiedToken {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(expiresAt, "expiresAt");
        audience = audience == null ? List.of() : List.copyOf(audience);
        claims = claims == null ? Map.of() : claims;
    }

    /** A claim by name, or by a dotted path into nested objects (e.g. {@code realm_access.roles}); null when absent. */
    public Object claim(String name) {
        return ClaimValues.lookup(claims, name);
    }
}
