package io.warden.rules.auth;

import io.warden.rules.auth.jwt.ClaimValues;
import io.warden.rules.auth.jwt.VerifiedToken;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A claim a route requires of a verified token, e.g. {@code roles} containing any of
 * {@code admin, agent}, or {@code scope} containing all of {@code chat:write}. The claim may be an
 * array or a space-separated string (the OAuth {@code scope} form), and may be a dotted path
 * ({@code realm_access.roles}).
 */
public record ClaimRequirement(String claim, Set<String> values, Match match) {

    public enum Match { ALL_OF, ANY_OF }

    public ClaimRequirement {
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(match, "match");
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("a requirement on claim " + claim + " needs at least one value");
        }
        values = Set.copyOf(new LinkedHashSet<>(values));
    }

    public static ClaimRequirement allOf(String claim, List<String> values) {
        return new ClaimRequirement(claim, new LinkedHashSet<>(values), Match.ALL_OF);
    }

    public static ClaimRequirement anyOf(String claim, List<String> values) {
        return new ClaimRequirement(claim, new LinkedHashSet<>(values), Match.ANY_OF);
    }

    public boolean satisfiedBy(VerifiedToken token) {
        List<String> present = ClaimValues.strings(token.claim(claim));
        if (match == Match.ALL_OF) {
            return present.containsAll(values);
        }
        for (String value : present) {
            if (values.contains(value)) {
                return true;
            }
        }
        return false;
    }

    /** For events: which claim and what it needed. */
    public String describe() {
        return claim + (match == Match.ALL_OF ? " all of " : " any of ") + values.stream().sorted().toList();
    }
}
