package io.warden.core.demo;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The sample backend's own token issuing, like the FastAPI app's: HS256 access and refresh tokens
 * signed with the secret Warden also gets ({@code SECURITY_JWT_SECRET_KEY}), so Warden can verify
 * what the backend issues.
 */
final class DemoTokens {

    private static final Duration ACCESS = Duration.ofMinutes(15);
    private static final Duration REFRESH = Duration.ofDays(7);

    private final Algorithm algorithm;

    DemoTokens(String secret) {
        this.algorithm = Algorithm.HMAC256(secret);
    }

    String access(String subject, String role) {
        Instant now = Instant.now();
        return JWT.create().withSubject(subject).withClaim("role", role).withClaim("type", "access")
                .withIssuedAt(now).withNotBefore(now).withExpiresAt(now.plus(ACCESS))
                .withJWTId(UUID.randomUUID().toString()).sign(algorithm);
    }

    String refresh(String subject) {
        Instant now = Instant.now();
        return JWT.create().withSubject(subject).withClaim("type", "refresh")
                .withIssuedAt(now).withExpiresAt(now.plus(REFRESH))
                .withJWTId(UUID.randomUUID().toString()).sign(algorithm);
    }

    /** The subject of a valid refresh token, or null. */
    String refreshSubject(String token) {
        try {
            DecodedJWT jwt = JWT.require(algorithm).withClaim("type", "refresh").build().verify(token);
            return jwt.getSubject();
        } catch (JWTVerificationException e) {
            return null;
        }
    }

    static Duration accessLifetime() {
        return ACCESS;
    }
}
