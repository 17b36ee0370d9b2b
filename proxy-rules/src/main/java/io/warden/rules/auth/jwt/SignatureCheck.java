package io.warden.rules.auth.jwt;

import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;

/** Checks the signature of a decoded token with one key and algorithm. Thread-safe. */
@FunctionalInterface
interface SignatureCheck {

    /** Whether the signature is valid; any signature that cannot even be checked is not. */
    boolean verifies(DecodedJWT jwt);

    /** java-jwt's verification, which signals failure by exception. */
    static SignatureCheck of(Algorithm algorithm) {
        return jwt -> {
            try {
                algorithm.verify(jwt);
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        };
    }
}
