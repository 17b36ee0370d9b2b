package io.warden.rules.pipeline;

import java.util.Map;
import java.util.Objects;

/**
 * Who a request speaks for, once a check verified it (e.g. a JWT's subject). It selects the
 * authenticated rate-limit tier and is forwarded to the upstream.
 */
public record Identity(String subject, Map<String, Object> claims) {

    public Identity {
        Objects.requireNonNull(subject, "subject");
        claims = claims == null ? Map.of() : Map.copyOf(claims);
    }
}
