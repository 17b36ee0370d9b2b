package io.warden.rules.auth.token;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import io.warden.rules.auth.jwt.TokenKind;
import io.warden.rules.auth.jwt.TokenVerifier;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;

/** Signs the HS256 access and refresh tokens of the token service. */
final class TokenMinter {

    /** A signed token and the facts the service keeps about it. */
    record Minted(String token, String jti, Instant expiresAt) {
    }

    private final Algorithm signer;
    private final String issuer;
    private final String audience;
    private final Duration accessTtl;
    private final Duration refreshTtl;
    private final InstantSource clock;
    private final SecureRandom random;

    TokenMinter(Algorithm signer, String issuer, String audience, Duration accessTtl, Duration refreshTtl,
                InstantSource clock, SecureRandom random) {
        this.signer = signer;
        this.issuer = issuer;
        this.audience = audience;
        this.accessTtl = accessTtl;
        this.refreshTtl = refreshTtl;
        this.clock = clock;
        this.random = random;
    }

    Minted access(String subject, String familyId) {
        return mint(subject, familyId, accessTtl, "JWT");
    }

    Minted refresh(String subject, String familyId) {
        return mint(subject, familyId, refreshTtl, TokenKind.REFRESH_TYPE);
    }

    /** 128 random bits, base64url: unguessable token and family ids. */
    String newId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private Minted mint(String subject, String familyId, Duration ttl, String type) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(ttl);
        String jti = newId();
        JWTCreator.Builder builder = JWT.create()
                .withHeader(Map.of("typ", type))
                .withIssuer(issuer)
                .withSubject(subject)
                .withIssuedAt(now)
                .withExpiresAt(expiresAt)
                .withJWTId(jti)
                .withClaim(TokenVerifier.FAMILY_CLAIM, familyId);
        if (audience != null) {
            builder.withAudience(audience);
        }
        return new Minted(builder.sign(signer), jti, expiresAt);
    }
}
