package io.warden.rules.auth.token;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.rules.auth.Fixtures.ManualClock;
import io.warden.rules.auth.jwt.InMemoryRevocationList;
import io.warden.rules.auth.jwt.JwtAlgorithm;
import io.warden.rules.auth.jwt.JwtRules;
import io.warden.rules.auth.jwt.StaticKeys;
import io.warden.rules.auth.jwt.TokenFailure;
import io.warden.rules.auth.jwt.TokenVerifier;
import io.warden.rules.auth.jwt.VerificationResult;
import io.warden.rules.auth.password.BcryptPasswordHasher;
import io.warden.rules.auth.password.PasswordHasher;
import io.warden.rules.auth.password.UsersFile;
import io.warden.rules.config.AuthConfig;
import io.warden.rules.config.Environment;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.events.ThreatLevel;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.warden.rules.auth.Fixtures.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

class TokenServiceTest {

    private static final Caller CALLER = new Caller("203.0.113.7", "req-1");

    private final ManualClock clock = ManualClock.atNow();
    private final InMemoryRevocationList revocations = new InMemoryRevocationList(1000, clock, clock);
    private final FakeHasher hasher = new FakeHasher();
    private final UsersFile users = UsersFile.parse("alice:" + hasher.hash("correct horse".toCharArray()) + "\n");
    private final TokenService.Settings settings = new TokenService.Settings(SECRET, "warden", null,
            Duration.ofMinutes(30), Duration.ofDays(7), Duration.ofSeconds(30));
    private final TokenService service = new TokenService(settings, users, hasher,
            new InMemoryTokenFamilyStore(100, clock, clock), revocations, clock, new SecureRandom(), new EventFactory(clock));
    /** What the AuthCheck on a protected route does with the access tokens. */
    private final TokenVerifier accessVerifier = new TokenVerifier(StaticKeys.of(SECRET, List.of()), revocations, clock);
    private final JwtRules accessRules = JwtRules.access(Set.of(JwtAlgorithm.HS256)).withIssuer("warden");

    private TokenResponse login() {
        TokenOutcome outcome = service.issue(new LoginRequest("alice", "correct horse".toCharArray()), CALLER);
        assertThat(outcome).isInstanceOf(TokenOutcome.Issued.class);
        return ((TokenOutcome.Issued) outcome).response();
    }

    private TokenOutcome refresh(String refreshToken) {
        return service.refresh(new RefreshTokenRequest(refreshToken), CALLER);
    }

    private VerificationResult access(String token) {
        return accessVerifier.verify(token, accessRules);
    }

    private static SecurityEvent onlyEvent(TokenOutcome outcome) {
        assertThat(outcome.events()).hasSize(1);
        return outcome.events().get(0);
    }

    @Test
    void loginIssuesAnAccessTokenTheAuthCheckAcceptsAndARefreshTokenItDoesNot() {
        TokenResponse tokens = login();

        assertThat(tokens.tokenType()).isEqualTo("Bearer");
        assertThat(tokens.expiresIn()).isEqualTo(1800);
        assertThat(tokens.refreshExpiresIn()).isEqualTo(7 * 24 * 3600);
        VerificationResult access = access(tokens.accessToken());
        assertThat(access).isInstanceOf(VerificationResult.Valid.class);
        assertThat(((VerificationResult.Valid) access).token().subject()).isEqualTo("alice");
        assertThat(((VerificationResult.Invalid) access(tokens.refreshToken())).failure())
                .as("a refresh token must not open protected routes").isEqualTo(TokenFailure.WRONG_TYPE);
        assertThat(refresh(tokens.accessToken())).as("nor an access token refresh").isInstanceOf(TokenOutcome.Refused.class);
    }

    @Test
    void refreshRotatesAndReuseOfADeadTokenRevokesTheWholeFamily() {
        TokenResponse first = login();
        clock.advance(Duration.ofMinutes(10));
        TokenOutcome rotated = refresh(first.refreshToken());
        assertThat(rotated).isInstanceOf(TokenOutcome.Issued.class);
        TokenResponse second = ((TokenOutcome.Issued) rotated).response();
        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        assertThat(access(second.accessToken())).isInstanceOf(VerificationResult.Valid.class);

        TokenOutcome reuse = refresh(first.refreshToken());

        assertThat(reuse).isInstanceOf(TokenOutcome.Refused.class);
        assertThat(((TokenOutcome.Refused) reuse).status()).isEqualTo(401);
        SecurityEvent event = onlyEvent(reuse);
        assertThat(event.type()).as("reuse of a rotated refresh token means it was stolen").isEqualTo(EventType.TOKEN_REUSE);
        assertThat(event.level()).isEqualTo(ThreatLevel.HIGH);
        assertThat(event.details()).containsEntry("subject", "alice");
        assertThat(refresh(second.refreshToken())).as("the thief's and the user's newest token die alike")
                .isInstanceOf(TokenOutcome.Refused.class);
        assertThat(((VerificationResult.Invalid) access(second.accessToken())).failure())
                .as("access tokens of the family die too").isEqualTo(TokenFailure.REVOKED);
        assertThat(access(login().accessToken())).as("a new login is a new family")
                .isInstanceOf(VerificationResult.Valid.class);
    }

    @Test
    void logoutRevokesTheFamilyAndIsIdempotent() {
        TokenResponse tokens = login();

        TokenOutcome out = service.logout(new RefreshTokenRequest(tokens.refreshToken()), CALLER);

        assertThat(out).isInstanceOf(TokenOutcome.LoggedOut.class);
        assertThat(onlyEvent(out).type()).isEqualTo(EventType.TOKEN_REVOKED);
        assertThat(((VerificationResult.Invalid) access(tokens.accessToken())).failure()).isEqualTo(TokenFailure.REVOKED);
        assertThat(refresh(tokens.refreshToken())).isInstanceOf(TokenOutcome.Refused.class);
        assertThat(service.logout(new RefreshTokenRequest(tokens.refreshToken()), CALLER))
                .isInstanceOf(TokenOutcome.LoggedOut.class);
    }

    @Test
    void expiredRefreshTokenIsRefused() {
        TokenResponse tokens = login();
        clock.advance(Duration.ofDays(8));
        TokenOutcome outcome = refresh(tokens.refreshToken());
        assertThat(outcome).isInstanceOf(TokenOutcome.Refused.class);
        assertThat(onlyEvent(outcome).details()).containsEntry("reason", "expired");
    }

    @Test
    void wrongPasswordIsAFailedLoginForTheLockout() {
        TokenOutcome outcome = service.issue(new LoginRequest("alice", "Correct horse".toCharArray()), CALLER);

        assertThat(outcome).isEqualTo(new TokenOutcome.Refused(401, "invalid credentials", outcome.events()));
        SecurityEvent event = onlyEvent(outcome);
        assertThat(event.type()).isEqualTo(EventType.LOGIN_FAILURE);
        assertThat(event.sourceIp()).isEqualTo("203.0.113.7");
        assertThat(event.details()).containsEntry("reason", "wrong_password").containsEntry("user", "alice");
    }

    @Test
    void unknownUserIsCheckedAgainstTheDummyHash() {
        hasher.verified.clear();
        TokenOutcome outcome = service.issue(new LoginRequest("mallory", "guess".toCharArray()), CALLER);

        assertThat(outcome).isInstanceOf(TokenOutcome.Refused.class);
        assertThat(hasher.verified).as("an unknown user must cost one bcrypt run, like a wrong password")
                .containsExactly(hasher.created.get(1));
        assertThat(hasher.created.get(1)).as("the dummy is no user's hash").isNotEqualTo(users.hashOf("alice"));
        assertThat(((TokenOutcome.Refused) outcome).reason()).isEqualTo("invalid credentials");
        assertThat(onlyEvent(outcome).details().get("user").toString())
                .as("a mistyped password in the username field must not be logged").startsWith("unknown:")
                .doesNotContain("mallory");

        hasher.verified.clear();
        service.issue(new LoginRequest(null, null), CALLER);
        assertThat(hasher.verified).as("even an empty request pays for bcrypt").hasSize(1);
    }

    @Test
    void productionIssuesShorterAccessTokens() {
        AuthConfig auth = AuthConfig.defaults();
        assertThat(TokenService.Settings.from(withSecret(auth), Environment.PRODUCTION).accessTtl())
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(TokenService.Settings.from(withSecret(auth), Environment.STAGING).accessTtl())
                .isEqualTo(Duration.ofMinutes(30));
        assertThat(TokenService.Settings.from(withSecret(auth), Environment.PRODUCTION).toString()).doesNotContain(SECRET);
    }

    @Test
    void worksWithRealBcrypt() {
        BcryptPasswordHasher bcrypt = new BcryptPasswordHasher(12, new SecureRandom());
        UsersFile real = UsersFile.parse("alice:" + bcrypt.hash("correct horse".toCharArray()));
        TokenService withBcrypt = new TokenService(settings, real, bcrypt, new InMemoryTokenFamilyStore(10, clock, clock),
                revocations, clock, new SecureRandom(), new EventFactory(clock));

        assertThat(withBcrypt.issue(new LoginRequest("alice", "correct horse".toCharArray()), CALLER))
                .isInstanceOf(TokenOutcome.Issued.class);
        assertThat(withBcrypt.issue(new LoginRequest("alice", "wrong".toCharArray()), CALLER))
                .isInstanceOf(TokenOutcome.Refused.class);
    }

    @Test
    void responsesMapToOAuthJsonAndNeverPrintTokens() throws Exception {
        TokenResponse tokens = login();
        String json = new ObjectMapper().writeValueAsString(tokens);
        assertThat(json).contains("\"access_token\":", "\"refresh_token\":", "\"token_type\":\"Bearer\"", "\"expires_in\":1800");
        assertThat(tokens.toString()).doesNotContain(tokens.accessToken(), tokens.refreshToken());
        assertThat(new RefreshTokenRequest(tokens.refreshToken()).toString()).doesNotContain(tokens.refreshToken());
        assertThat(new LoginRequest("alice", "correct horse".toCharArray()).toString()).doesNotContain("correct horse");
        RefreshTokenRequest parsed = new ObjectMapper().readValue("{\"refresh_token\":\"abc\"}", RefreshTokenRequest.class);
        assertThat(parsed.refreshToken()).isEqualTo("abc");
    }

    private static AuthConfig withSecret(AuthConfig auth) {
        return new AuthConfig(SECRET, auth.maxFailedLogins(), auth.loginPaths(), auth.mode(), auth.algorithms(),
                auth.publicKeys(), auth.jwks(), auth.issuer(), auth.audience(), auth.clockSkew(), auth.subjectClaim(),
                auth.requireJti(), auth.tokenHeader(), auth.tokenCookie(), auth.webSocketTokens(),
                auth.stripWebSocketToken(), auth.realm(), auth.identityHeaders(), auth.claimHeaders(),
                auth.maxRevokedTokens(), auth.tokenService());
    }

    /**
     * A fast stand-in for bcrypt that hands out well-formed hashes and records what it verified
     * against, so the unknown-user path is proven to run, not timed.
     */
    static final class FakeHasher implements PasswordHasher {
        final Map<String, char[]> passwords = new HashMap<>();
        final List<String> created = new ArrayList<>();
        final List<String> verified = new ArrayList<>();

        @Override
        public synchronized String hash(char[] password) {
            String n = String.format("%022d", created.size());
            String hash = "$2b$12$" + n + "X".repeat(31);
            passwords.put(hash, password.clone());
            created.add(hash);
            return hash;
        }

        @Override
        public synchronized boolean verify(char[] password, String hash) {
            verified.add(hash);
            return password != null && Arrays.equals(passwords.get(hash), password);
        }
    }
}
