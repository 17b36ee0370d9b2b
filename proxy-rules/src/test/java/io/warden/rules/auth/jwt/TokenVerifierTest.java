package io.warden.rules.auth.jwt;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.warden.rules.auth.Fixtures;
import io.warden.rules.auth.Fixtures.ManualClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.warden.rules.auth.Fixtures.NOW;
import static io.warden.rules.auth.Fixtures.SECRET;
import static io.warden.rules.auth.Fixtures.b64;
import static io.warden.rules.auth.Fixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

class TokenVerifierTest {

    private static KeyPair rsa;
    private static KeyPair ec;
    private static String rsaPem;

    private final ManualClock clock = ManualClock.atNow();
    private final InMemoryRevocationList revocations = new InMemoryRevocationList(1000, clock, clock);

    private static final JwtRules HS = JwtRules.access(Set.of(JwtAlgorithm.HS256));
    private static final JwtRules RS = JwtRules.access(Set.of(JwtAlgorithm.RS256));
    private static final JwtRules ES = JwtRules.access(Set.of(JwtAlgorithm.ES256));

    @BeforeAll
    static void keys() {
        rsa = Fixtures.rsaKeys();
        ec = Fixtures.ecKeys("secp256r1");
        rsaPem = Fixtures.pem("PUBLIC KEY", rsa.getPublic().getEncoded());
    }

    private TokenVerifier verifier() {
        KeyResolver keys = StaticKeys.of(SECRET, List.of(
                VerificationKey.publicKey(null, rsa.getPublic(), null),
                VerificationKey.publicKey(null, ec.getPublic(), null)));
        return new TokenVerifier(keys, revocations, clock);
    }

    private static Algorithm rs256() {
        return Algorithm.RSA256((RSAPublicKey) rsa.getPublic(), (RSAPrivateKey) rsa.getPrivate());
    }

    private static Algorithm es256() {
        return Algorithm.ECDSA256((ECPublicKey) ec.getPublic(), (ECPrivateKey) ec.getPrivate());
    }

    private TokenFailure failureOf(String token, JwtRules rules) {
        VerificationResult result = verifier().verify(token, rules);
        assertThat(result).isInstanceOf(VerificationResult.Invalid.class);
        VerificationResult.Invalid invalid = (VerificationResult.Invalid) result;
        if (!token.isEmpty()) {
            assertThat(invalid.detail()).as("the event detail never quotes the token").doesNotContain(token);
        }
        return invalid.failure();
    }

    @Test
    void validHs256TokenYieldsSubjectAndClaims() {
        VerificationResult result = verifier().verify(token().sign(Fixtures.hs256()), HS);

        assertThat(result).isInstanceOf(VerificationResult.Valid.class);
        VerifiedToken token = ((VerificationResult.Valid) result).token();
        assertThat(token.subject()).isEqualTo("alice");
        assertThat(token.jti()).isEqualTo("jti-1");
        assertThat(token.algorithm()).isEqualTo(JwtAlgorithm.HS256);
        assertThat(token.claims()).containsEntry("roles", List.of("agent", "viewer"))
                .containsEntry("email", "alice@example.com");
    }

    @Test
    void validRs256AndEs256TokensVerifyWithTheirPublicKeys() {
        assertThat(verifier().verify(token().sign(rs256()), RS)).isInstanceOf(VerificationResult.Valid.class);
        assertThat(verifier().verify(token().sign(es256()), ES)).isInstanceOf(VerificationResult.Valid.class);
    }

    @Test
    void expiredTokenIsRefusedButSkewIsTolerated() {
        String token = token().withExpiresAt(NOW.minusSeconds(20)).sign(Fixtures.hs256());
        assertThat(verifier().verify(token, HS)).as("20s past exp is within the 30s skew")
                .isInstanceOf(VerificationResult.Valid.class);

        clock.advance(Duration.ofSeconds(11));
        assertThat(failureOf(token, HS)).as("31s past exp is expired").isEqualTo(TokenFailure.EXPIRED);
    }

    @Test
    void notYetValidAndFutureIssuedTokensAreRefused() {
        assertThat(failureOf(token().withNotBefore(NOW.plusSeconds(120)).sign(Fixtures.hs256()), HS))
                .isEqualTo(TokenFailure.NOT_YET_VALID);
        assertThat(failureOf(token().withIssuedAt(NOW.plusSeconds(120)).sign(Fixtures.hs256()), HS))
                .as("a token from the future is minted with a wrong clock or forged")
                .isEqualTo(TokenFailure.ISSUED_IN_FUTURE);
        assertThat(verifier().verify(token().withIssuedAt(NOW.plusSeconds(10)).sign(Fixtures.hs256()), HS))
                .as("a little drift between hosts is tolerated").isInstanceOf(VerificationResult.Valid.class);
    }

    @Test
    void tokenWithoutExpiryIsRefused() {
        String token = JWT.create().withSubject("alice").sign(Fixtures.hs256());
        assertThat(failureOf(token, HS)).as("a token without exp would be valid forever")
                .isEqualTo(TokenFailure.MISSING_EXPIRY);
    }

    @Test
    void tokenSignedWithAnotherSecretOrTamperedIsRefused() {
        String other = token().sign(Algorithm.HMAC256("another-secret-another-secret-another-secret"));
        assertThat(failureOf(other, HS)).isEqualTo(TokenFailure.BAD_SIGNATURE);

        String good = token().sign(Fixtures.hs256());
        String[] parts = good.split("\\.");
        String tampered = parts[0] + "." + b64("{\"sub\":\"admin\",\"exp\":" + NOW.plusSeconds(600).getEpochSecond() + "}")
                + "." + parts[2];
        assertThat(failureOf(tampered, HS)).as("a changed payload must not keep its signature")
                .isEqualTo(TokenFailure.BAD_SIGNATURE);
    }

    @Test
    void unsignedAlgNoneTokensAreRefusedInEverySpelling() {
        String payload = b64("{\"sub\":\"admin\",\"exp\":" + NOW.plusSeconds(600).getEpochSecond() + "}");
        for (String alg : List.of("none", "None", "NONE", "nOnE")) {
            String token = b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}") + "." + payload + ".";
            assertThat(failureOf(token, JwtRules.access(Set.of(JwtAlgorithm.values()))))
                    .as("alg %s: an unsigned token must never pass, whatever is allowed", alg)
                    .isEqualTo(TokenFailure.ALGORITHM_NOT_ALLOWED);
        }
    }

    @Test
    void hsTokenOnAnRsRouteIsRefused() {
        assertThat(failureOf(token().sign(Fixtures.hs256()), RS))
                .as("the route's allow-list decides, not the token header")
                .isEqualTo(TokenFailure.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void hs256SignedWithThePublicKeyPemIsRefused() {
        // The classic confusion attack: the attacker knows the public key and uses its PEM text
        // as an HMAC secret, hoping the verifier feeds the same key to HMAC.
        Algorithm forged = Algorithm.HMAC256(rsaPem.getBytes(StandardCharsets.UTF_8));
        String token = token().withSubject("admin").sign(forged);

        assertThat(failureOf(token, RS)).as("HS256 is not allowed on an RS route")
                .isEqualTo(TokenFailure.ALGORITHM_NOT_ALLOWED);
        assertThat(failureOf(token, JwtRules.access(Set.of(JwtAlgorithm.RS256, JwtAlgorithm.HS256))))
                .as("even where HS256 is allowed, the HMAC key is auth.jwtSecret, never the public key")
                .isEqualTo(TokenFailure.BAD_SIGNATURE);

        TokenVerifier rsaOnly = new TokenVerifier(
                StaticKeys.of(null, List.of(VerificationKey.publicKey(null, rsa.getPublic(), null))), revocations, clock);
        VerificationResult result = rsaOnly.verify(token, JwtRules.access(Set.of(JwtAlgorithm.RS256, JwtAlgorithm.HS256)));
        assertThat(((VerificationResult.Invalid) result).failure())
                .as("an RSA key is never usable as an HMAC secret").isEqualTo(TokenFailure.UNKNOWN_KEY);
    }

    @Test
    void keyEmbeddedInTheTokenHeaderIsIgnored() {
        KeyPair attacker = Fixtures.rsaKeys();
        RSAPublicKey pub = (RSAPublicKey) attacker.getPublic();
        Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
        Map<String, Object> jwk = Map.of("kty", "RSA", "n", enc.encodeToString(pub.getModulus().toByteArray()),
                "e", enc.encodeToString(pub.getPublicExponent().toByteArray()));
        String token = token().withHeader(Map.of("jwk", jwk))
                .sign(Algorithm.RSA256(pub, (RSAPrivateKey) attacker.getPrivate()));

        assertThat(failureOf(token, RS)).as("only configured keys verify; a jwk header is not trusted")
                .isEqualTo(TokenFailure.BAD_SIGNATURE);
    }

    @Test
    void ecdsaSignatureOfZerosIsRefused() {
        // CVE-2022-21449 ("psychic signatures"): r = s = 0 verified on unpatched JDKs.
        String[] parts = token().sign(es256()).split("\\.");
        String zeros = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[64]);
        assertThat(failureOf(parts[0] + "." + parts[1] + "." + zeros, ES)).isEqualTo(TokenFailure.BAD_SIGNATURE);
    }

    @Test
    void ecdsaOnEveryCurveVerifiesAndRefusesTamperingAndOddLengths() {
        record Case(String curve, JwtAlgorithm alg) {
        }
        for (Case c : List.of(new Case("secp256r1", JwtAlgorithm.ES256), new Case("secp384r1", JwtAlgorithm.ES384),
                new Case("secp521r1", JwtAlgorithm.ES512))) {
            KeyPair keys = Fixtures.ecKeys(c.curve());
            ECPublicKey pub = (ECPublicKey) keys.getPublic();
            ECPrivateKey priv = (ECPrivateKey) keys.getPrivate();
            Algorithm signer = switch (c.alg()) {
                case ES256 -> Algorithm.ECDSA256(pub, priv);
                case ES384 -> Algorithm.ECDSA384(pub, priv);
                default -> Algorithm.ECDSA512(pub, priv);
            };
            TokenVerifier verifier = new TokenVerifier(
                    StaticKeys.of(null, List.of(VerificationKey.publicKey(null, pub, null))), revocations, clock);
            JwtRules rules = JwtRules.access(Set.of(c.alg()));
            String[] parts = token().sign(signer).split("\\.");

            assertThat(verifier.verify(String.join(".", parts), rules)).as(c.alg().name())
                    .isInstanceOf(VerificationResult.Valid.class);
            String tampered = parts[0] + "." + b64("{\"sub\":\"admin\",\"exp\":" + NOW.plusSeconds(600).getEpochSecond() + "}")
                    + "." + parts[2];
            assertThat(((VerificationResult.Invalid) verifier.verify(tampered, rules)).failure()).as(c.alg().name())
                    .isEqualTo(TokenFailure.BAD_SIGNATURE);
            String cut = parts[0] + "." + parts[1] + "." + parts[2].substring(4);
            assertThat(((VerificationResult.Invalid) verifier.verify(cut, rules)).failure()).as(c.alg().name())
                    .isEqualTo(TokenFailure.BAD_SIGNATURE);
        }
        TokenVerifier p384Only = new TokenVerifier(StaticKeys.of(null, List.of(
                VerificationKey.publicKey(null, Fixtures.ecKeys("secp384r1").getPublic(), null))), revocations, clock);
        assertThat(((VerificationResult.Invalid) p384Only.verify(token().sign(es256()), ES)).failure())
                .as("a key only verifies the algorithm of its own curve").isEqualTo(TokenFailure.UNKNOWN_KEY);
    }

    @Test
    void issuerAndAudienceAreCheckedWhenConfigured() {
        JwtRules rules = HS.withIssuer("https://backend.example").withAudience("warden-api");
        String right = token().withIssuer("https://backend.example").withAudience("other", "warden-api")
                .sign(Fixtures.hs256());
        assertThat(verifier().verify(right, rules)).isInstanceOf(VerificationResult.Valid.class);

        assertThat(failureOf(token().withIssuer("https://evil.example").withAudience("warden-api")
                .sign(Fixtures.hs256()), rules)).isEqualTo(TokenFailure.WRONG_ISSUER);
        assertThat(failureOf(token().withIssuer("https://backend.example").withAudience("other")
                .sign(Fixtures.hs256()), rules)).isEqualTo(TokenFailure.WRONG_AUDIENCE);
        assertThat(failureOf(token().withIssuer("https://backend.example").sign(Fixtures.hs256()), rules))
                .as("a token without aud fails a configured audience").isEqualTo(TokenFailure.WRONG_AUDIENCE);
    }

    @Test
    void revokedJtiIsRefusedUntilTheTokenWouldHaveExpired() {
        String token = token().sign(Fixtures.hs256());
        revocations.revoke("jti-1", NOW.plus(Duration.ofMinutes(30)));

        assertThat(failureOf(token, HS)).isEqualTo(TokenFailure.REVOKED);
        assertThat(verifier().verify(token().withJWTId("jti-2").sign(Fixtures.hs256()), HS))
                .as("other tokens are unaffected").isInstanceOf(VerificationResult.Valid.class);

        clock.advance(Duration.ofMinutes(31));
        assertThat(revocations.isRevoked("jti-1")).as("the entry lives only as long as the token").isFalse();
    }

    @Test
    void revokedFamilyKillsEveryTokenOfIt() {
        revocations.revoke("fam-9", NOW.plus(Duration.ofDays(7)));
        String token = token().withJWTId("jti-7").withClaim(TokenVerifier.FAMILY_CLAIM, "fam-9").sign(Fixtures.hs256());
        assertThat(failureOf(token, HS)).isEqualTo(TokenFailure.REVOKED);
    }

    @Test
    void jtiCanBeRequired() {
        String token = JWT.create().withSubject("alice").withExpiresAt(NOW.plusSeconds(60)).sign(Fixtures.hs256());
        assertThat(verifier().verify(token, HS)).isInstanceOf(VerificationResult.Valid.class);
        assertThat(failureOf(token, HS.withRequireJti(true))).isEqualTo(TokenFailure.MISSING_JTI);
    }

    @Test
    void subjectComesFromTheConfiguredClaimAndMustBeHeaderSafe() {
        String numeric = token().withClaim("user_id", 42L).sign(Fixtures.hs256());
        VerificationResult result = verifier().verify(numeric, HS.withSubjectClaim("user_id"));
        assertThat(((VerificationResult.Valid) result).token().subject()).isEqualTo("42");

        assertThat(failureOf(token().withSubject("alice\r\nX-Admin: 1").sign(Fixtures.hs256()), HS))
                .as("a subject that could split the X-Warden-Subject header is refused")
                .isEqualTo(TokenFailure.INVALID_SUBJECT);
        assertThat(failureOf(JWT.create().withExpiresAt(NOW.plusSeconds(60)).sign(Fixtures.hs256()), HS))
                .isEqualTo(TokenFailure.INVALID_SUBJECT);
    }

    @Test
    void refreshAndAccessTokensAreNotInterchangeable() {
        String refresh = token().withHeader(Map.of("typ", TokenKind.REFRESH_TYPE)).sign(Fixtures.hs256());
        assertThat(failureOf(refresh, HS)).as("a refresh token is not an access token")
                .isEqualTo(TokenFailure.WRONG_TYPE);
        assertThat(failureOf(token().sign(Fixtures.hs256()), HS.withKind(TokenKind.REFRESH)))
                .isEqualTo(TokenFailure.WRONG_TYPE);
        assertThat(verifier().verify(refresh, HS.withKind(TokenKind.REFRESH))).isInstanceOf(VerificationResult.Valid.class);
    }

    @Test
    void criticalHeaderExtensionsAreRefused() {
        String token = token().withHeader(Map.of("crit", List.of("exp"))).sign(Fixtures.hs256());
        assertThat(failureOf(token, HS)).isEqualTo(TokenFailure.UNSUPPORTED_HEADER);
    }

    @Test
    void garbageAndOversizedTokensAreMalformed() {
        assertThat(failureOf("not-a-token", HS)).isEqualTo(TokenFailure.MALFORMED);
        assertThat(failureOf("a.b.c", HS)).isEqualTo(TokenFailure.MALFORMED);
        assertThat(failureOf("", HS)).isEqualTo(TokenFailure.MALFORMED);
        assertThat(failureOf("x".repeat(TokenVerifier.MAX_TOKEN_CHARS + 1), HS)).isEqualTo(TokenFailure.MALFORMED);
        String badJson = b64("{\"alg\":\"HS256\"}") + "." + b64("{\"sub\":") + ".c2ln";
        assertThat(failureOf(badJson, HS)).isEqualTo(TokenFailure.MALFORMED);
    }

    @Test
    void jwksKeysAreChosenByKidAndUnknownKidsAskForARefreshAtABoundedRate() {
        int[] refreshes = {0};
        JwksKeySet jwks = new JwksKeySet(clock, Duration.ofSeconds(30), () -> refreshes[0]++);
        jwks.update(JwksParserTest.jwks(JwksParserTest.rsaJwk("k1", (RSAPublicKey) rsa.getPublic()),
                JwksParserTest.ecJwk("k2", (ECPublicKey) ec.getPublic())));
        TokenVerifier verifier = new TokenVerifier(jwks, revocations, clock);

        assertThat(verifier.verify(token().withKeyId("k1").sign(rs256()), RS)).isInstanceOf(VerificationResult.Valid.class);
        assertThat(verifier.verify(token().withKeyId("k2").sign(es256()), ES)).isInstanceOf(VerificationResult.Valid.class);

        String rotated = token().withKeyId("k3").sign(rs256());
        VerificationResult first = verifier.verify(rotated, RS);
        assertThat(first).isEqualTo(new VerificationResult.Invalid(TokenFailure.UNKNOWN_KEY,
                "no RS256 key with kid k3; key refresh requested", true));
        VerificationResult.Invalid second = (VerificationResult.Invalid) verifier.verify(rotated, RS);
        assertThat(second.keyRefreshRequested()).as("a flood of unknown kids asks once per interval").isFalse();
        assertThat(refreshes[0]).isEqualTo(1);

        clock.advance(Duration.ofSeconds(31));
        assertThat(((VerificationResult.Invalid) verifier.verify(rotated, RS)).keyRefreshRequested()).isTrue();
        assertThat(refreshes[0]).isEqualTo(2);
    }
}
