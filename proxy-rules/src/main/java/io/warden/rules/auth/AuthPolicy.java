package io.warden.rules.auth;

import io.warden.rules.auth.jwt.JwtRules;
import io.warden.rules.auth.jwt.TokenKind;
import io.warden.rules.config.AuthConfig;
import io.warden.rules.config.AuthMode;

import java.util.List;
import java.util.Objects;

/**
 * How one route authenticates: the mode, what a valid token is, where it is read from, and the
 * claims the route requires. Immutable; build one per route when the configuration loads.
 */
public record AuthPolicy(AuthMode mode, JwtRules jwt, TokenSources sources, List<ClaimRequirement> requiredClaims) {

    public AuthPolicy {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(jwt, "jwt");
        Objects.requireNonNull(sources, "sources");
        requiredClaims = List.copyOf(requiredClaims);
    }

    /**
     * The default policy of routes that set none. With no key configured it is {@code none}:
     * tokens could not be verified, so refusing every request that carries one would only break
     * the backend ({@link AuthConfig#warnings} says so).
     */
    public static AuthPolicy from(AuthConfig config) {
        JwtRules rules = new JwtRules(config.allowedAlgorithms(), config.issuer(), config.audience(),
                config.clockSkew(), config.subjectClaim(), config.requireJti(), TokenKind.ACCESS);
        AuthMode mode = config.hasKeys() ? config.mode() : AuthMode.NONE;
        return new AuthPolicy(mode, rules, TokenSources.from(config), List.of());
    }

    public AuthPolicy withMode(AuthMode value) {
        return new AuthPolicy(value, jwt, sources, requiredClaims);
    }

    public AuthPolicy withJwt(JwtRules value) {
        return new AuthPolicy(mode, value, sources, requiredClaims);
    }

    public AuthPolicy withSources(TokenSources value) {
        return new AuthPolicy(mode, jwt, value, requiredClaims);
    }

    public AuthPolicy withRequiredClaims(List<ClaimRequirement> value) {
        return new AuthPolicy(mode, jwt, sources, value);
    }
}
