package io.warden.rules.auth.jwt;

import io.warden.rules.events.ThreatLevel;

/**
 * Why a token was refused: the precise reason for the security event (the client only learns
 * "invalid token"). Failures that only a forger produces are rated higher than ordinary expiry.
 */
public enum TokenFailure {
    MALFORMED("malformed", ThreatLevel.MEDIUM),
    ALGORITHM_NOT_ALLOWED("algorithm_not_allowed", ThreatLevel.HIGH),
    WRONG_TYPE("wrong_token_type", ThreatLevel.MEDIUM),
    UNSUPPORTED_HEADER("unsupported_critical_header", ThreatLevel.MEDIUM),
    UNKNOWN_KEY("unknown_key", ThreatLevel.MEDIUM),
    BAD_SIGNATURE("bad_signature", ThreatLevel.HIGH),
    MISSING_EXPIRY("missing_expiry", ThreatLevel.MEDIUM),
    EXPIRED("expired", ThreatLevel.LOW),
    NOT_YET_VALID("not_yet_valid", ThreatLevel.LOW),
    ISSUED_IN_FUTURE("issued_in_future", ThreatLevel.MEDIUM),
    WRONG_ISSUER("wrong_issuer", ThreatLevel.MEDIUM),
    WRONG_AUDIENCE("wrong_audience", ThreatLevel.MEDIUM),
    INVALID_SUBJECT("invalid_subject", ThreatLevel.MEDIUM),
    MISSING_JTI("missing_jti", ThreatLevel.LOW),
    REVOKED("revoked", ThreatLevel.MEDIUM);

    private final String code;
    private final ThreatLevel level;

    TokenFailure(String code, ThreatLevel level) {
        this.code = code;
        this.level = level;
    }

    /** The machine-readable reason written to events. */
    public String code() {
        return code;
    }

    public ThreatLevel level() {
        return level;
    }
}
