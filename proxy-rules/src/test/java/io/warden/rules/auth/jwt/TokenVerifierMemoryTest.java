package io.warden.rules.auth.jwt;

import io.warden.rules.auth.Fixtures;
import io.warden.rules.auth.Fixtures.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static io.warden.rules.auth.Fixtures.NOW;
import static io.warden.rules.auth.Fixtures.SECRET;
import static io.warden.rules.auth.Fixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One verifier seeing the same token again, as it does with every request of a session: what it
 * remembers of a valid token never outlives the token's validity, its revocation, its key or the
 * rules it was verified under.
 */
class TokenVerifierMemoryTest {

    private static final JwtRules HS = JwtRules.access(Set.of(JwtAlgorithm.HS256));

    private final ManualClock clock = ManualClock.atNow();
    private final InMemoryRevocationList revocations = new InMemoryRevocationList(1000, clock, clock);
    private final AtomicReference<KeyResolver> keys = new AtomicReference<>(StaticKeys.of(SECRET, List.of()));
    private final TokenVerifier verifier = new TokenVerifier((alg, kid) -> keys.get().lookup(alg, kid), revocations, clock);

    @Test
    void aRememberedTokenStillExpires() {
        String token = token().withExpiresAt(NOW.plusSeconds(10)).sign(Fixtures.hs256());
        assertThat(verifier.verify(token, HS)).isInstanceOf(VerificationResult.Valid.class);
        assertThat(verifier.verify(token, HS)).isInstanceOf(VerificationResult.Valid.class);

        clock.advance(Duration.ofSeconds(41));
        assertThat(failure(verifier.verify(token, HS))).isEqualTo(TokenFailure.EXPIRED);
    }

    @Test
    void aRememberedTokenIsRefusedOnceRevoked() {
        String token = token().sign(Fixtures.hs256());
        assertThat(verifier.verify(token, HS)).isInstanceOf(VerificationResult.Valid.class);

        revocations.revoke("jti-1", NOW.plus(Duration.ofMinutes(30)));
        assertThat(failure(verifier.verify(token, HS))).isEqualTo(TokenFailure.REVOKED);
    }

    @Test
    void aRememberedTokenIsRefusedOnceItsKeyIsGone() {
        String token = token().sign(Fixtures.hs256());
        assertThat(verifier.verify(token, HS)).isInstanceOf(VerificationResult.Valid.class);

        keys.set(StaticKeys.of("a-completely-different-secret-of-sufficient-length-0123456789", List.of()));
        assertThat(failure(verifier.verify(token, HS))).isEqualTo(TokenFailure.BAD_SIGNATURE);
    }

    @Test
    void aTokenValidUnderOneRouteIsCheckedAfreshUnderAnother() {
        String token = token().sign(Fixtures.hs256());
        assertThat(verifier.verify(token, HS)).isInstanceOf(VerificationResult.Valid.class);

        assertThat(failure(verifier.verify(token, HS.withAudience("admin-api")))).isEqualTo(TokenFailure.WRONG_AUDIENCE);
        assertThat(failure(verifier.verify(token, JwtRules.access(Set.of(JwtAlgorithm.RS256)))))
                .isEqualTo(TokenFailure.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void aTokenDifferingInOneCharacterIsVerifiedNotRemembered() {
        String token = token().sign(Fixtures.hs256());
        assertThat(verifier.verify(token, HS)).isInstanceOf(VerificationResult.Valid.class);

        char last = token.charAt(token.length() - 2);
        String forged = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        assertThat(failure(verifier.verify(forged, HS))).isEqualTo(TokenFailure.BAD_SIGNATURE);
    }

    private static TokenFailure failure(VerificationResult result) {
        assertThat(result).isInstanceOf(VerificationResult.Invalid.class);
        return ((VerificationResult.Invalid) result).failure();
    }
}
