package io.warden.rules.auth.jwt;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the keys that may verify a token. Implementations answer from memory: they never block
 * and never fetch (a JWKS refresh is requested from core, see {@link JwksKeySet}). Thread-safe.
 */
@FunctionalInterface
public interface KeyResolver {

    /**
     * @param alg the token's algorithm, already checked against the allow-list
     * @param kid the token's key id, or null when it names none
     */
    KeyLookup lookup(JwtAlgorithm alg, String kid);

    /** Keys from every resolver, in order: e.g. the HMAC secret and PEM keys, then a JWKS. */
    static KeyResolver composite(List<KeyResolver> resolvers) {
        List<KeyResolver> all = List.copyOf(resolvers);
        return (alg, kid) -> {
            List<VerificationKey> found = new ArrayList<>(2);
            boolean refresh = false;
            for (KeyResolver resolver : all) {
                KeyLookup lookup = resolver.lookup(alg, kid);
                found.addAll(lookup.candidates());
                refresh |= lookup.refreshRequested();
            }
            return found.isEmpty() && !refresh ? KeyLookup.none() : new KeyLookup(found, refresh);
        };
    }
}
