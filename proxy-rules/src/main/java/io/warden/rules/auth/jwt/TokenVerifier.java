package io.warden.rules.auth.jwt;

import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.DecodedJWT;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.warden.rules.auth.jwt.TokenFailure.ALGORITHM_NOT_ALLOWED;
import static io.warden.rules.auth.jwt.TokenFailure.BAD_SIGNATURE;
import static io.warden.rules.auth.jwt.TokenFailure.EXPIRED;
import static io.warden.rules.auth.jwt.TokenFailure.INVALID_SUBJECT;
import static io.warden.rules.auth.jwt.TokenFailure.ISSUED_IN_FUTURE;
import static io.warden.rules.auth.jwt.TokenFailure.MALFORMED;
import static io.warden.rules.auth.jwt.TokenFailure.MISSING_EXPIRY;
import static io.warden.rules.auth.jwt.TokenFailure.MISSING_JTI;
import static io.warden.rules.auth.jwt.TokenFailure.NOT_YET_VALID;
import static io.warden.rules.auth.jwt.TokenFailure.REVOKED;
import static io.warden.rules.auth.jwt.TokenFailure.UNKNOWN_KEY;
import static io.warden.rules.auth.jwt.TokenFailure.UNSUPPORTED_HEADER;
import static io.warden.rules.auth.jwt.TokenFailure.WRONG_AUDIENCE;
import static io.warden.rules.auth.jwt.TokenFailure.WRONG_ISSUER;
import static io.warden.rules.auth.jwt.TokenFailure.WRONG_TYPE;

/**
 * Verifies compact JWS tokens against {@link JwtRules}. The order matters for security:
 * <ol>
 *   <li>the header's {@code alg} must be on the route's allow-list — the token never chooses;</li>
 *   <li>the key comes from our key material by algorithm family and {@code kid}, never from the
 *       token ({@code jwk}, {@code jku} and {@code x5u} headers are ignored);</li>
 *   <li>the signature is checked before any claim is believed;</li>
 *   <li>then {@code exp} (required), {@code nbf}, {@code iat}, {@code iss}, {@code aud}, the subject,
 *       and the revocation list for {@code jti} and Warden's own family id {@code fid}.</li>
 * </ol>
 * A token found valid is remembered ({@link VerifiedTokens}): when it comes again under the same
 * rules, and the key that verified it is still held, only step 4's times and revocation are
 * checked again. Runs on the event loop: it does not block, and refusing costs no exception of
 * ours. Thread-safe.
 */
public final class TokenVerifier {

    /** Longer tokens are refused before any parsing. */
    public static final int MAX_TOKEN_CHARS = 8192;
    /** Claim carrying the token-family id of tokens issued by Warden's token service. */
    public static final String FAMILY_CLAIM = "fid";

    /** Keys tried for one token without a matching {@code kid}; bounds the work a forged token costs. */
    static final int MAX_CANDIDATE_KEYS = 4;
    private static final int MAX_SUBJECT_CHARS = 256;

    private final JWT decoder = new JWT();
    private final VerifiedTokens recent;
    private final KeyResolver keys;
    private final RevocationList revocations;
    private final InstantSource clock;

    public TokenVerifier(KeyResolver keys, RevocationList revocations, InstantSource clock) {
        this(keys, revocations, clock, true);
    }

    /**
     * @param remember whether tokens found valid are remembered ({@link VerifiedTokens}); off only
     *                 to measure what verifying a token costs
     */
    public TokenVerifier(KeyResolver keys, RevocationList revocations, InstantSource clock, boolean remember) {
        this.recent = remember ? new VerifiedTokens() : null;
        this.keys = Objects.requireNonNull(keys, "keys");
        this.revocations = Objects.requireNonNull(revocations, "revocations");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public VerificationResult verify(String token, JwtRules rules) {
        if (token == null || token.isEmpty()) {
            return invalid(MALFORMED, "empty token");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            return invalid(MALFORMED, "token of " + token.length() + " characters; at most " + MAX_TOKEN_CHARS);
        }
        VerifiedTokens.Entry seen = recent == null ? null : recent.find(token, rules);
        if (seen != null && keyStillHeld(seen)) {
            return stillValid(seen, rules);
        }
        DecodedJWT jwt;
        try {
            jwt = decoder.decodeJwt(token);
        } catch (RuntimeException e) {
            // The library's messages quote the decoded JSON; the event gets no more than this.
            return invalid(MALFORMED, "not a well-formed signed JWT");
        }

        String algName = jwt.getAlgorithm();
        JwtAlgorithm alg = JwtAlgorithm.fromHeader(algName);
        if (alg == null || !rules.algorithms().contains(alg)) {
            return invalid(ALGORITHM_NOT_ALLOWED, "alg " + LogSafe.text(algName, 16) + " is not in " + rules.algorithms());
        }
        if (!rules.kind().accepts(jwt.getType())) {
            return invalid(WRONG_TYPE, "typ " + LogSafe.text(jwt.getType(), 32) + " where an "
                    + rules.kind().name().toLowerCase(java.util.Locale.ROOT) + " token was expected");
        }
        if (!jwt.getHeaderClaim("crit").isMissing()) {
            return invalid(UNSUPPORTED_HEADER, "crit names extensions Warden does not implement");
        }

        String kid = jwt.getKeyId();
        KeyLookup lookup = keys.lookup(alg, kid);
        if (lookup.isEmpty()) {
            String detail = "no " + alg + " key" + (kid == null ? "" : " with kid " + LogSafe.text(kid, 64))
                    + (lookup.refreshRequested() ? "; key refresh requested" : "");
            return new VerificationResult.Invalid(UNKNOWN_KEY, detail, lookup.refreshRequested());
        }
        VerificationKey signer = signer(jwt, alg, lookup.candidates());
        if (signer == null) {
            return invalid(BAD_SIGNATURE, "signature does not verify with the " + alg + " key"
                    + (kid == null ? "" : " " + LogSafe.text(kid, 64)));
        }
        VerificationResult result = claims(jwt, alg, kid, rules);
        if (recent != null && result instanceof VerificationResult.Valid valid) {
            recent.add(new VerifiedTokens.Entry(token, rules, signer, jwt.getNotBeforeAsInstant(), valid));
        }
        return result;
    }

    /** The key whose signature check the token passes, or null. */
    private static VerificationKey signer(DecodedJWT jwt, JwtAlgorithm alg, List<VerificationKey> candidates) {
        int tries = Math.min(candidates.size(), MAX_CANDIDATE_KEYS);
        for (int i = 0; i < tries; i++) {
            if (candidates.get(i).verifier(alg).verifies(jwt)) {
                return candidates.get(i);
            }
        }
        return null;
    }

    /** Whether the key that verified a remembered token still verifies it (not rotated out, not removed). */
    private boolean keyStillHeld(VerifiedTokens.Entry seen) {
        VerifiedToken token = seen.result().token();
        List<VerificationKey> candidates = keys.lookup(token.algorithm(), token.kid()).candidates();
        int tries = Math.min(candidates.size(), MAX_CANDIDATE_KEYS);
        for (int i = 0; i < tries; i++) {
            if (candidates.get(i) == seen.key()) {
                return true;
            }
        }
        return false;
    }

    /** A remembered token checked again for what changes with time: its validity window and revocation. */
    private VerificationResult stillValid(VerifiedTokens.Entry seen, JwtRules rules) {
        VerifiedToken token = seen.result().token();
        VerificationResult.Invalid late = timing(token.expiresAt(), seen.notBefore(), token.issuedAt(), rules);
        if (late != null) {
            return late;
        }
        VerificationResult.Invalid revoked = revocation(token.jti(), token.claims());
        return revoked != null ? revoked : seen.result();
    }

    private VerificationResult claims(DecodedJWT jwt, JwtAlgorithm alg, String kid, JwtRules rules) {
        Instant exp = jwt.getExpiresAtAsInstant();
        if (exp == null) {
            return invalid(MISSING_EXPIRY, "no exp claim");
        }
        Instant iat = jwt.getIssuedAtAsInstant();
        VerificationResult.Invalid late = timing(exp, jwt.getNotBeforeAsInstant(), iat, rules);
        if (late != null) {
            return late;
        }
        String issuer = jwt.getIssuer();
        if (rules.issuer() != null && !rules.issuer().equals(issuer)) {
            return invalid(WRONG_ISSUER, "iss " + LogSafe.text(issuer, 128) + ", expected " + rules.issuer());
        }
        List<String> audience = jwt.getAudience();
        if (rules.audience() != null && (audience == null || !audience.contains(rules.audience()))) {
            return invalid(WRONG_AUDIENCE, "aud " + (audience == null ? "absent" : LogSafe.text(audience.toString(), 128))
                    + ", expected " + rules.audience());
        }
        Map<String, Object> claims = ClaimValues.of(jwt.getClaims());
        String subject = subject(claims, rules.subjectClaim());
        if (subject == null) {
            return invalid(INVALID_SUBJECT, "claim " + rules.subjectClaim()
                    + " is missing, empty, or not 1-" + MAX_SUBJECT_CHARS + " printable ASCII characters");
        }
        String jti = jwt.getId();
        if (jti == null && rules.requireJti()) {
            return invalid(MISSING_JTI, "no jti claim, so the token could not be revoked");
        }
        VerificationResult.Invalid revoked = revocation(jti, claims);
        if (revoked != null) {
            return revoked;
        }
        return new VerificationResult.Valid(new VerifiedToken(subject, jti, issuer, audience, iat, exp, alg, kid, claims));
    }

    /** Why the token is not valid now ({@code exp}, {@code nbf}, {@code iat} against the clock), or null. */
    private VerificationResult.Invalid timing(Instant exp, Instant nbf, Instant iat, JwtRules rules) {
        long now = clock.instant().getEpochSecond();
        long skew = rules.clockSkew().getSeconds();
        if (now - skew > exp.getEpochSecond()) {
            return invalid(EXPIRED, "expired at " + exp + ", " + (now - exp.getEpochSecond()) + "s ago");
        }
        if (nbf != null && now + skew < nbf.getEpochSecond()) {
            return invalid(NOT_YET_VALID, "not before " + nbf + ", " + (nbf.getEpochSecond() - now) + "s ahead");
        }
        if (iat != null && iat.getEpochSecond() > now + skew) {
            return invalid(ISSUED_IN_FUTURE, "issued at " + iat + ", " + (iat.getEpochSecond() - now) + "s ahead");
        }
        return null;
    }

    /** Why the token is revoked (its {@code jti} or its token family), or null. */
    private VerificationResult.Invalid revocation(String jti, Map<String, Object> claims) {
        if (jti != null && revocations.isRevoked(jti)) {
            return invalid(REVOKED, "jti " + LogSafe.text(jti, 64) + " is revoked");
        }
        if (claims.get(FAMILY_CLAIM) instanceof String family && revocations.isRevoked(family)) {
            return invalid(REVOKED, "token family " + LogSafe.fingerprint(family) + " is revoked");
        }
        return null;
    }

    private static String subject(Map<String, Object> claims, String claim) {
        Object value = ClaimValues.lookup(claims, claim);
        String subject = value instanceof String || value instanceof Long ? value.toString() : null;
        return LogSafe.headerSafe(subject, MAX_SUBJECT_CHARS) && !subject.isBlank() ? subject : null;
    }

    private static VerificationResult.Invalid invalid(TokenFailure failure, String detail) {
        return new VerificationResult.Invalid(failure, detail, false);
    }
}
