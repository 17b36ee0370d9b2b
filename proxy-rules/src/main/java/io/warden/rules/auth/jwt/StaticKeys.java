package io.warden.rules.auth.jwt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Keys fixed at start: the HMAC secret and the configured PEM public keys. */
public final class StaticKeys implements KeyResolver {

    private final List<VerificationKey> keys;

    public StaticKeys(List<VerificationKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /**
     * @param hmacSecret {@code auth.jwtSecret}, or null when HS tokens are not accepted
     * @param publicKeys keys parsed from {@code auth.publicKeys} with {@link PemKeys#parse}
     */
    public static StaticKeys of(String hmacSecret, List<VerificationKey> publicKeys) {
        List<VerificationKey> all = new ArrayList<>(publicKeys.size() + 1);
        if (hmacSecret != null) {
            all.add(VerificationKey.hmac(hmacSecret.getBytes(StandardCharsets.UTF_8)));
        }
        all.addAll(publicKeys);
        return new StaticKeys(all);
    }

    @Override
    public KeyLookup lookup(JwtAlgorithm alg, String kid) {
        List<VerificationKey> found = null;
        for (VerificationKey key : keys) {
            if (key.matches(alg, kid)) {
                if (found == null) {
                    found = new ArrayList<>(2);
                }
                found.add(key);
            }
        }
        return found == null ? KeyLookup.none() : new KeyLookup(found, false);
    }

    public List<VerificationKey> keys() {
        return keys;
    }
}
