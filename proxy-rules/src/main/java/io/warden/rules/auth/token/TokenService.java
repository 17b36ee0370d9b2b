package io.warden.rules.auth.token;

import com.auth0.jwt.algorithms.Algorithm;
import io.warden.rules.auth.jwt.JwtAlgorithm;
import io.warden.rules.auth.jwt.JwtRules;
import io.warden.rules.auth.jwt.LogSafe;
import io.warden.rules.auth.jwt.RevocationList;
import io.warden.rules.auth.jwt.StaticKeys;
import io.warden.rules.auth.jwt.TokenFailure;
import io.warden.rules.auth.jwt.TokenKind;
import io.warden.rules.auth.jwt.TokenVerifier;
import io.warden.rules.auth.jwt.VerificationResult;
import io.warden.rules.auth.jwt.VerifiedToken;
import io.warden.rules.auth.password.PasswordHasher;
import io.warden.rules.auth.password.UsersFile;
import io.warden.rules.config.AuthConfig;
import io.warden.rules.config.Environment;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.events.ThreatLevel;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The built-in token service, for backends without auth of their own: logs users of the users
 * file in, rotates refresh tokens, logs out.
 *
 * <p>Every refresh rotates: the presented refresh token dies and a new pair is issued. Presenting
 * a refresh token that already died means two parties hold it, one of them a thief; the whole
 * family is then revoked (its refresh state, and through the revocation list every access token
 * carrying its {@code fid}), and a {@code token_reuse} event is raised.
 *
 * <p><b>Every method blocks</b>: {@link #issue} runs bcrypt (hundreds of milliseconds at cost 12)
 * and the family store may be remote. Core calls them on a worker pool, never on an event loop.
 * Thread-safe.
 */
public final class TokenService {

    static final String INVALID_CREDENTIALS = "invalid credentials";
    static final String INVALID_TOKEN = "invalid token";

    private final UsersFile users;
    private final PasswordHasher hasher;
    private final TokenFamilyStore families;
    private final RevocationList revocations;
    private final TokenMinter minter;
    private final TokenVerifier refreshVerifier;
    private final JwtRules refreshRules;
    private final EventFactory events;
    private final Settings settings;
    private final String dummyHash;

    /**
     * What the service signs with and how long tokens live.
     *
     * @param secret {@code auth.jwtSecret}: the AuthCheck verifies the access tokens with it
     * @param audience set on every token when {@code auth.audience} is configured, or null
     */
    public record Settings(String secret, String issuer, String audience, Duration accessTtl, Duration refreshTtl,
                           Duration clockSkew) {
        public Settings {
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(accessTtl, "accessTtl");
            Objects.requireNonNull(refreshTtl, "refreshTtl");
            Objects.requireNonNull(clockSkew, "clockSkew");
        }

        public static Settings from(AuthConfig auth, Environment environment) {
            AuthConfig.TokenServiceConfig service = auth.tokenService();
            return new Settings(auth.jwtSecret(), service.effectiveIssuer(auth), auth.audience(),
                    service.effectiveAccessTokenTtl(environment), service.refreshTokenTtl(), auth.clockSkew());
        }

        @Override
        public String toString() {
            return "Settings[secret=<hidden>, issuer=" + issuer + ", audience=" + audience + ", accessTtl=" + accessTtl
                    + ", refreshTtl=" + refreshTtl + "]";
        }
    }

    /**
     * Builds the service; hashes a random password once for the unknown-user path, so this
     * constructor itself blocks for one bcrypt run.
     *
     * @param hasher should hash at the users file's {@link UsersFile#maxCost()}, so an unknown
     *               user costs as much time as a real one
     * @param revocations the same list the {@code AuthCheck}'s verifier consults
     */
    public TokenService(Settings settings, UsersFile users, PasswordHasher hasher, TokenFamilyStore families,
                        RevocationList revocations, InstantSource clock, SecureRandom random, EventFactory events) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.users = Objects.requireNonNull(users, "users");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.families = Objects.requireNonNull(families, "families");
        this.revocations = Objects.requireNonNull(revocations, "revocations");
        this.events = Objects.requireNonNull(events, "events");
        byte[] secret = settings.secret().getBytes(StandardCharsets.UTF_8);
        this.minter = new TokenMinter(Algorithm.HMAC256(secret), settings.issuer(), settings.audience(),
                settings.accessTtl(), settings.refreshTtl(), clock, random);
        this.refreshVerifier = new TokenVerifier(StaticKeys.of(settings.secret(), List.of()), revocations, clock);
        this.refreshRules = new JwtRules(Set.of(JwtAlgorithm.HS256), settings.issuer(), settings.audience(),
                settings.clockSkew(), "sub", true, TokenKind.REFRESH);
        this.dummyHash = hasher.hash(minter.newId().toCharArray());
    }

    /**
     * {@code POST /auth/token}: checks the password and starts a token family. An unknown user
     * is checked against a dummy hash, so the answer takes as long as for a wrong password.
     * Blocks for one bcrypt run.
     */
    public TokenOutcome issue(LoginRequest request, Caller caller) {
        String username = request.username();
        String hash = users.hashOf(username);
        boolean matches = hasher.verify(request.password(), hash != null ? hash : dummyHash);
        if (hash == null || !matches) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("reason", hash == null ? "unknown_user" : "wrong_password");
            // An unknown name may be a password typed into the wrong field: only its fingerprint is kept.
            details.put("user", hash == null ? "unknown:" + LogSafe.fingerprint(String.valueOf(username)) : username);
            return refused(401, INVALID_CREDENTIALS, event(caller, "auth.token", EventType.LOGIN_FAILURE,
                    ThreatLevel.MEDIUM, details));
        }
        String familyId = minter.newId();
        TokenMinter.Minted access = minter.access(username, familyId);
        TokenMinter.Minted refresh = minter.refresh(username, familyId);
        families.create(new TokenFamily(familyId, username, refresh.jti(), refresh.expiresAt(), false));
        return new TokenOutcome.Issued(response(access, refresh), List.of());
    }

    /** {@code POST /auth/refresh}: exchanges the family's newest refresh token for a new pair. */
    public TokenOutcome refresh(RefreshTokenRequest request, Caller caller) {
        VerificationResult result = refreshVerifier.verify(request.refreshToken(), refreshRules);
        if (result instanceof VerificationResult.Invalid invalid) {
            return invalidToken(caller, "auth.refresh", invalid, request.refreshToken());
        }
        VerifiedToken token = ((VerificationResult.Valid) result).token();
        String familyId = familyOf(token);
        TokenFamily family = familyId == null ? null : families.find(familyId);
        if (family == null || family.revoked()) {
            return refused(401, INVALID_TOKEN, event(caller, "auth.refresh", EventType.AUTHENTICATION_FAILURE,
                    ThreatLevel.MEDIUM, Map.of("reason", family == null ? "unknown_family" : "family_revoked",
                            "subject", token.subject())));
        }
        if (!ConstantTime.equal(family.currentJti(), token.jti())) {
            return reuse(caller, family);
        }
        TokenMinter.Minted access = minter.access(family.subject(), familyId);
        TokenMinter.Minted refresh = minter.refresh(family.subject(), familyId);
        if (!families.rotate(familyId, token.jti(), refresh.jti(), refresh.expiresAt())) {
            // Another request rotated this same token a moment ago: it is being used twice.
            return reuse(caller, family);
        }
        return new TokenOutcome.Issued(response(access, refresh), List.of());
    }

    /**
     * {@code POST /auth/logout}: ends the family of the refresh token, and with it every access
     * token of that login. Logging out twice is not an error.
     */
    public TokenOutcome logout(RefreshTokenRequest request, Caller caller) {
        VerificationResult result = refreshVerifier.verify(request.refreshToken(), refreshRules);
        if (result instanceof VerificationResult.Invalid invalid) {
            if (invalid.failure() == TokenFailure.REVOKED) {
                return new TokenOutcome.LoggedOut(List.of());
            }
            return invalidToken(caller, "auth.logout", invalid, request.refreshToken());
        }
        VerifiedToken token = ((VerificationResult.Valid) result).token();
        String familyId = familyOf(token);
        TokenFamily family = familyId == null ? null : families.find(familyId);
        if (familyId != null) {
            revokeFamily(familyId, family == null ? token.expiresAt() : family.expiresAt());
        }
        revocations.revoke(token.jti(), token.expiresAt());
        return new TokenOutcome.LoggedOut(List.of(event(caller, "auth.logout", EventType.TOKEN_REVOKED, ThreatLevel.LOW,
                Map.of("reason", "logout", "subject", token.subject()))));
    }

    private TokenOutcome reuse(Caller caller, TokenFamily family) {
        revokeFamily(family.familyId(), family.expiresAt());
        return refused(401, INVALID_TOKEN, event(caller, "auth.refresh", EventType.TOKEN_REUSE, ThreatLevel.HIGH,
                Map.of("reason", "rotated_refresh_token_reused", "subject", family.subject(),
                        "family", LogSafe.fingerprint(family.familyId()))));
    }

    private void revokeFamily(String familyId, Instant until) {
        families.revoke(familyId);
        revocations.revoke(familyId, until);
    }

    private TokenOutcome invalidToken(Caller caller, String route, VerificationResult.Invalid invalid, String token) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", invalid.failure().code());
        details.put("detail", invalid.detail());
        details.put("token", String.valueOf(LogSafe.fingerprint(token)));
        return refused(401, INVALID_TOKEN, event(caller, route, EventType.AUTHENTICATION_FAILURE,
                invalid.failure().level(), details));
    }

    private static String familyOf(VerifiedToken token) {
        return token.claims().get(TokenVerifier.FAMILY_CLAIM) instanceof String id ? id : null;
    }

    private TokenResponse response(TokenMinter.Minted access, TokenMinter.Minted refresh) {
        return new TokenResponse(access.token(), refresh.token(), "Bearer", settings.accessTtl().toSeconds(),
                settings.refreshTtl().toSeconds());
    }

    private SecurityEvent event(Caller caller, String route, EventType type, ThreatLevel level, Map<String, Object> details) {
        return events.create(type, level, caller.clientIp(), caller.requestId(), route, details);
    }

    private static TokenOutcome refused(int status, String reason, SecurityEvent event) {
        return new TokenOutcome.Refused(status, reason, List.of(event));
    }
}
