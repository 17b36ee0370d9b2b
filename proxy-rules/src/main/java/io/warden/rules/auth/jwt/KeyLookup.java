package io.warden.rules.auth.jwt;

import java.util.List;

/**
 * The keys that may verify one token.
 *
 * @param candidates keys whose type fits the token's algorithm and whose id fits its {@code kid}
 * @param refreshRequested whether the lookup found no key and asked for fresh key material (at a
 *                         bounded rate), so the event can say a retry may succeed
 */
public record KeyLookup(List<VerificationKey> candidates, boolean refreshRequested) {

    private static final KeyLookup NONE = new KeyLookup(List.of(), false);

    public KeyLookup {
        candidates = List.copyOf(candidates);
    }

    public static KeyLookup none() {
        return NONE;
    }

    public boolean isEmpty() {
        return candidates.isEmpty();
    }
}
