package io.warden.rules.auth.jwt;

import java.util.Objects;

/** The outcome of verifying one token: data, not an exception, so refusing costs no stack trace. */
public sealed interface VerificationResult permits VerificationResult.Valid, VerificationResult.Invalid {

    record Valid(VerifiedToken token) implements VerificationResult {
        public Valid {
            Objects.requireNonNull(token, "token");
        }
    }

    /**
     * @param detail what exactly was wrong, for the event: claim values and times, never the token
     * @param keyRefreshRequested the token named an unknown key and fresh keys were asked for, so
     *                            the same token may pass once they arrive
     */
    record Invalid(TokenFailure failure, String detail, boolean keyRefreshRequested) implements VerificationResult {
        public Invalid {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
