package io.warden.rules.auth.jwt;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a valid token must satisfy on one route: immutable, built once per policy.
 *
 * @param algorithms the allow-list; the token's {@code alg} must be in it, whatever keys exist
 * @param issuer the required {@code iss}, or null when not checked
 * @param audience a value the token's {@code aud} must contain, or null when not checked
 * @param clockSkew tolerance for {@code exp}, {@code nbf} and {@code iat} against the clock
 * @param subjectClaim the claim naming who the token speaks for (usually {@code sub})
 * @param requireJti whether tokens without a {@code jti} (which cannot be revoked) are refused
 * @param kind access or refresh token
 */
public record JwtRules(Set<JwtAlgorithm> algorithms, String issuer, String audience, Duration clockSkew,
                       String subjectClaim, boolean requireJti, TokenKind kind) {

    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);

    public JwtRules {
        if (algorithms == null || algorithms.isEmpty()) {
            throw new IllegalArgumentException("at least one algorithm must be allowed");
        }
        algorithms = Collections.unmodifiableSet(EnumSet.copyOf(algorithms));
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clockSkew must be >= 0, got " + clockSkew);
        }
        Objects.requireNonNull(subjectClaim, "subjectClaim");
        Objects.requireNonNull(kind, "kind");
    }

    /** Access tokens signed with one of {@code algorithms}, no issuer or audience check, default skew. */
    public static JwtRules access(Set<JwtAlgorithm> algorithms) {
        return new JwtRules(algorithms, null, null, DEFAULT_CLOCK_SKEW, "sub", false, TokenKind.ACCESS);
    }

    public JwtRules withIssuer(String value) {
        return new JwtRules(algorithms, value, audience, clockSkew, subjectClaim, requireJti, kind);
    }

    public JwtRules withAudience(String value) {
        return new JwtRules(algorithms, issuer, value, clockSkew, subjectClaim, requireJti, kind);
    }

    public JwtRules withClockSkew(Duration value) {
        return new JwtRules(algorithms, issuer, audience, value, subjectClaim, requireJti, kind);
    }

    public JwtRules withSubjectClaim(String value) {
        return new JwtRules(algorithms, issuer, audience, clockSkew, value, requireJti, kind);
    }

    public JwtRules withRequireJti(boolean value) {
        return new JwtRules(algorithms, issuer, audience, clockSkew, subjectClaim, value, kind);
    }

    public JwtRules withKind(TokenKind value) {
        return new JwtRules(algorithms, issuer, audience, clockSkew, subjectClaim, requireJti, value);
    }
}
