package io.warden.rules.config;

import io.warden.rules.auth.jwt.JwtAlgorithm;
import io.warden.rules.auth.jwt.SecretStrength;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * @param jwtSecret HMAC secret for HS-signed tokens (env {@code SECURITY_JWT_SECRET_KEY})
 * @param maxFailedLogins failed logins from one address that lock it out
 * @param loginPaths paths whose 401/403 answers count as failed logins
 * @param mode the default for routes that do not set their own: none, optional or required.
 *             With no key configured at all, tokens cannot be checked and routes behave as none
 * @param algorithms the allow-list of signature algorithms; {@code none} cannot be listed
 * @param publicKeys PEM files (public keys or certificates) for RS/ES tokens; core reads them
 * @param jwks a JWKS file or URL for RS/ES tokens
 * @param issuer the required {@code iss}, or null to not check it
 * @param audience a value the token's {@code aud} must contain, or null to not check it
 * @param clockSkew tolerance for {@code exp}, {@code nbf} and {@code iat}
 * @param subjectClaim the claim that names the user ({@code sub}; e.g. {@code user_id})
 * @param requireJti refuse tokens without a {@code jti}, which cannot be revoked
 * @param tokenHeader the header carrying the token; {@code Authorization} expects the Bearer scheme
 * @param tokenCookie a cookie carrying the token, or null
 * @param webSocketTokens on WebSocket handshakes, also take the token from
 *                        {@code Sec-WebSocket-Protocol: bearer, <token>} or a {@code token} query parameter
 * @param stripWebSocketToken remove such a token before forwarding (set false only if the backend
 *                            reads it there itself)
 * @param realm the realm of {@code WWW-Authenticate: Bearer} challenges
 * @param identityHeaders headers removed from every client request because backends trust them as
 *                        identity; an entry ending in {@code *} is a prefix. {@code X-Warden-*} is
 *                        always removed, listed or not
 * @param claimHeaders claim name (or dotted path) to the upstream header carrying its value after
 *                     verification; header names must start with {@code X-Warden-}
 * @param maxRevokedTokens revoked token ids held in memory (each until its token expires)
 * @param tokenService the optional built-in login / refresh / logout service
 */
public record AuthConfig(
        String jwtSecret,
        int maxFailedLogins,
        List<String> loginPaths,
        AuthMode mode,
        List<String> algorithms,
        List<String> publicKeys,
        JwksConfig jwks,
        String issuer,
        String audience,
        Duration clockSkew,
        String subjectClaim,
        boolean requireJti,
        String tokenHeader,
        String tokenCookie,
        boolean webSocketTokens,
        boolean stripWebSocketToken,
        String realm,
        List<String> identityHeaders,
        Map<String, String> claimHeaders,
        int maxRevokedTokens,
        TokenServiceConfig tokenService) {

    static final int MIN_SECRET_LENGTH = 32;
    static final int PRODUCTION_SECRET_LENGTH = 64;
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    static final String OWN_HEADER_PREFIX = "X-Warden-";

    /**
     * Headers that backends, auth proxies and platforms (oauth2-proxy, Kong, Kubernetes, Azure,
     * Google IAP, AWS ALB, Cloudflare Access) treat as an already verified identity.
     */
    public static final List<String> DEFAULT_IDENTITY_HEADERS = List.of(
            "Remote-User", "Remote-Email", "Remote-Groups", "Remote-Name",
            "X-Remote-User", "X-Remote-Group", "X-Remote-Extra-*",
            "X-User", "X-User-Id", "X-User-Name", "X-User-Email", "X-User-Role", "X-User-Roles", "X-User-Groups",
            "X-Username", "X-Email", "X-Role", "X-Roles", "X-Group", "X-Groups", "X-Scope", "X-Scopes",
            "X-Forwarded-User", "X-Forwarded-Email", "X-Forwarded-Preferred-Username", "X-Forwarded-Groups",
            "X-Forwarded-Access-Token",
            "X-Auth-Request-*", "X-Auth-User", "X-Auth-Email", "X-Auth-Roles", "X-Auth-Token-Subject",
            "X-Authenticated-User", "X-Authenticated-Userid", "X-Authenticated-Groups", "X-Authenticated-Scope",
            "X-Consumer-Id", "X-Consumer-Username", "X-Consumer-Custom-Id", "X-Consumer-Groups",
            "X-Credential-Identifier", "X-Anonymous-Consumer", "X-Userinfo", "X-Id-Token", "X-Jwt-Payload",
            "X-Ms-Client-Principal*", "X-Ms-Token-*",
            "X-Goog-Authenticated-User-*", "X-Goog-Iap-Jwt-Assertion",
            "X-Amzn-Oidc-*", "Cf-Access-Jwt-Assertion", "Cf-Access-Authenticated-User-Email",
            "X-Warden-*");

    public static AuthConfig defaults() {
        return new AuthConfig(null, 5, List.of("/api/auth/login"),
                AuthMode.OPTIONAL, List.of("HS256"), List.of(), JwksConfig.defaults(),
                null, null, Duration.ofSeconds(30), "sub", false,
                "Authorization", null, true, true, "warden",
                DEFAULT_IDENTITY_HEADERS, Map.of(), 100_000, TokenServiceConfig.defaults());
    }

    /** Whether any key is configured, so tokens can be verified at all. */
    public boolean hasKeys() {
        return jwtSecret != null || (publicKeys != null && !publicKeys.isEmpty()) || (jwks != null && jwks.configured());
    }

    /** The allow-list, parsed; call only on a configuration that validated. */
    public Set<JwtAlgorithm> allowedAlgorithms() {
        Set<JwtAlgorithm> out = EnumSet.noneOf(JwtAlgorithm.class);
        for (String name : algorithms) {
            out.add(JwtAlgorithm.parse(name));
        }
        return out;
    }

    void validate(Problems p) {
        validateSecret(p);
        p.positive("auth.maxFailedLogins", maxFailedLogins);
        p.each("auth.loginPaths", loginPaths, path -> {
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("must be a path starting with '/', got '" + path + "'");
            }
        });
        p.required("auth.mode", mode);
        if (algorithms != null && algorithms.isEmpty()) {
            p.add("auth.algorithms", "must allow at least one algorithm");
        }
        p.each("auth.algorithms", algorithms, JwtAlgorithm::parse);
        p.each("auth.publicKeys", publicKeys, path -> {
            if (path == null || path.isBlank()) {
                throw new IllegalArgumentException("must be the path of a PEM file");
            }
        });
        if (jwks == null) {
            p.add("auth.jwks", "is required");
        } else {
            jwks.validate(p);
        }
        validateKeysCoverAlgorithms(p);
        notBlank(p, "auth.issuer", issuer);
        notBlank(p, "auth.audience", audience);
        if (clockSkew == null || clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
            p.add("auth.clockSkew", "must be between 0s and " + Durations.format(MAX_CLOCK_SKEW) + ", got "
                    + (clockSkew == null ? "null" : Durations.format(clockSkew)));
        }
        if (subjectClaim == null || subjectClaim.isBlank()) {
            p.add("auth.subjectClaim", "must name a claim, e.g. sub");
        }
        p.check("auth.tokenHeader", () -> HeaderNames.require(tokenHeader, false));
        if (tokenCookie != null) {
            p.check("auth.tokenCookie", () -> HeaderNames.require(tokenCookie, false));
        }
        if (realm == null || !realm.matches("[\\x20-\\x7e&&[^\"\\\\]]{1,64}")) {
            p.add("auth.realm", "must be 1 to 64 printable characters without quotes or backslashes");
        }
        p.each("auth.identityHeaders", identityHeaders, name -> HeaderNames.require(name, true));
        validateClaimHeaders(p);
        p.positive("auth.maxRevokedTokens", maxRevokedTokens);
        if (tokenService == null) {
            p.add("auth.tokenService", "is required");
        } else {
            tokenService.validate(p, this);
        }
    }

    /**
     * What the loader should print as warnings: settings that work but are weak for the
     * environment. Never contains a secret.
     */
    public List<String> warnings(Environment environment) {
        List<String> out = new ArrayList<>();
        if (environment == Environment.PRODUCTION && jwtSecret != null && jwtSecret.length() < PRODUCTION_SECRET_LENGTH) {
            out.add("auth.jwtSecret has " + jwtSecret.length() + " characters; production should use at least "
                    + PRODUCTION_SECRET_LENGTH + " (e.g. openssl rand -base64 48)");
        }
        if (mode != null && mode != AuthMode.NONE && !hasKeys()) {
            out.add("auth.mode is " + mode.wireName() + " but no key is configured (auth.jwtSecret, auth.publicKeys"
                    + " or auth.jwks): tokens are not checked");
        }
        if (tokenService != null && tokenService.enabled() && environment == Environment.PRODUCTION
                && tokenService.accessTokenTtl() != null
                && tokenService.accessTokenTtl().compareTo(TokenServiceConfig.PRODUCTION_ACCESS_TTL) > 0) {
            out.add("auth.tokenService.accessTokenTtl is " + Durations.format(tokenService.accessTokenTtl())
                    + "; production should use at most " + Durations.format(TokenServiceConfig.PRODUCTION_ACCESS_TTL));
        }
        return out;
    }

    /** A copy safe to print: the secret's presence and length, never its value. */
    AuthConfig redacted() {
        return new AuthConfig(Redaction.mask(jwtSecret), maxFailedLogins, loginPaths, mode, algorithms, publicKeys,
                jwks, issuer, audience, clockSkew, subjectClaim, requireJti, tokenHeader, tokenCookie, webSocketTokens,
                stripWebSocketToken, realm, identityHeaders, claimHeaders, maxRevokedTokens, tokenService);
    }

    private void validateSecret(Problems p) {
        if (jwtSecret == null) {
            return;
        }
        if (jwtSecret.length() < MIN_SECRET_LENGTH) {
            p.add("auth.jwtSecret", "must be at least " + MIN_SECRET_LENGTH + " characters, got " + jwtSecret.length());
            return;
        }
        String weakness = SecretStrength.weakness(jwtSecret);
        if (weakness != null) {
            p.add("auth.jwtSecret", "is too weak: it " + weakness
                    + "; use a random value, e.g. openssl rand -base64 48");
        }
    }

    private void validateKeysCoverAlgorithms(Problems p) {
        if (!hasKeys()) {
            if (mode == AuthMode.REQUIRED) {
                p.add("auth.mode", "required needs a key: set auth.jwtSecret, auth.publicKeys or auth.jwks");
            }
            return;
        }
        if (algorithms == null || publicKeys == null || jwks == null) {
            return;
        }
        boolean publicKeyMaterial = !publicKeys.isEmpty() || jwks.configured();
        boolean asymmetricAllowed = false;
        for (String name : algorithms) {
            JwtAlgorithm alg;
            try {
                alg = JwtAlgorithm.parse(name);
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (alg.family() == JwtAlgorithm.Family.HMAC && jwtSecret == null) {
                p.add("auth.algorithms", alg + " needs auth.jwtSecret");
            } else if (alg.family() != JwtAlgorithm.Family.HMAC) {
                asymmetricAllowed = true;
                if (!publicKeyMaterial) {
                    p.add("auth.algorithms", alg + " needs auth.publicKeys or auth.jwks");
                }
            }
        }
        if (publicKeyMaterial && !asymmetricAllowed) {
            p.add("auth.algorithms", "auth.publicKeys or auth.jwks is set, but no RS or ES algorithm is allowed");
        }
    }

    private void validateClaimHeaders(Problems p) {
        if (claimHeaders == null) {
            p.add("auth.claimHeaders", "must be a map, got null");
            return;
        }
        claimHeaders.forEach((claim, header) -> {
            String key = "auth.claimHeaders." + claim;
            if (claim == null || claim.isBlank()) {
                p.add("auth.claimHeaders", "claim names must not be blank");
            } else if (header == null
                    || !header.regionMatches(true, 0, OWN_HEADER_PREFIX, 0, OWN_HEADER_PREFIX.length())) {
                p.add(key, "must be a header starting with " + OWN_HEADER_PREFIX
                        + " (client copies of those are always stripped), got '" + header + "'");
            } else {
                p.check(key, () -> HeaderNames.require(header, false));
            }
        });
    }

    private static void notBlank(Problems p, String key, String value) {
        if (value != null && value.isBlank()) {
            p.add(key, "must not be blank; leave it out to not check it");
        }
    }

    /**
     * @param file a JWKS document on disk; core reads it at start and on reload
     * @param url a JWKS endpoint; core fetches it off the event loop and keeps the last good keys
     * @param refreshInterval the longest time between fetches of the URL
     * @param minRefreshInterval the shortest time between fetches, also when tokens name unknown keys
     */
    public record JwksConfig(String file, String url, Duration refreshInterval, Duration minRefreshInterval) {

        public static JwksConfig defaults() {
            return new JwksConfig(null, null, Duration.ofMinutes(10), Duration.ofSeconds(30));
        }

        public boolean configured() {
            return file != null || url != null;
        }

        void validate(Problems p) {
            if (file != null && url != null) {
                p.add("auth.jwks.url", "auth.jwks.file and auth.jwks.url are alternatives: set one");
            }
            if (file != null && file.isBlank()) {
                p.add("auth.jwks.file", "must be the path of a JWKS file");
            }
            if (url != null && !url.startsWith("https://") && !isLoopbackHttp(url)) {
                p.add("auth.jwks.url", "must be an https:// URL (plain http only on a loopback address), got '"
                        + Redaction.url(url) + "'");
            }
            p.positive("auth.jwks.refreshInterval", refreshInterval);
            p.positive("auth.jwks.minRefreshInterval", minRefreshInterval);
            if (refreshInterval != null && minRefreshInterval != null && minRefreshInterval.compareTo(refreshInterval) > 0) {
                p.add("auth.jwks.minRefreshInterval", "must not exceed auth.jwks.refreshInterval");
            }
        }

        private static boolean isLoopbackHttp(String url) {
            String u = url.toLowerCase(Locale.ROOT);
            return u.startsWith("http://127.") || u.startsWith("http://localhost:") || u.startsWith("http://localhost/")
                    || u.startsWith("http://[::1]");
        }
    }

    /**
     * @param enabled serve {@code POST /auth/token}, {@code /auth/refresh}, {@code /auth/logout}
     * @param usersFile lines {@code username:$2b$12$...} ({@code warden hash-password} writes them)
     * @param accessTokenTtl access-token lifetime; unset means 30m, or 15m in production
     * @param refreshTokenTtl refresh-token lifetime; each refresh rotates it
     * @param issuer the {@code iss} of issued tokens; unset means {@code auth.issuer}, else {@code warden}
     * @param maxFamilies logins whose refresh state is held in memory
     */
    public record TokenServiceConfig(boolean enabled, String usersFile, Duration accessTokenTtl,
                                     Duration refreshTokenTtl, String issuer, int maxFamilies) {

        static final Duration DEFAULT_ACCESS_TTL = Duration.ofMinutes(30);
        static final Duration PRODUCTION_ACCESS_TTL = Duration.ofMinutes(15);
        static final Duration MAX_ACCESS_TTL = Duration.ofDays(1);

        public static TokenServiceConfig defaults() {
            return new TokenServiceConfig(false, null, null, Duration.ofDays(7), null, 100_000);
        }

        public Duration effectiveAccessTokenTtl(Environment environment) {
            if (accessTokenTtl != null) {
                return accessTokenTtl;
            }
            return environment == Environment.PRODUCTION ? PRODUCTION_ACCESS_TTL : DEFAULT_ACCESS_TTL;
        }

        public String effectiveIssuer(AuthConfig auth) {
            if (issuer != null) {
                return issuer;
            }
            return auth.issuer() != null ? auth.issuer() : "warden";
        }

        void validate(Problems p, AuthConfig auth) {
            if (accessTokenTtl != null) {
                p.positive("auth.tokenService.accessTokenTtl", accessTokenTtl);
                if (accessTokenTtl.compareTo(MAX_ACCESS_TTL) > 0) {
                    p.add("auth.tokenService.accessTokenTtl", "must be at most " + Durations.format(MAX_ACCESS_TTL));
                }
            }
            p.positive("auth.tokenService.refreshTokenTtl", refreshTokenTtl);
            Duration access = accessTokenTtl == null ? DEFAULT_ACCESS_TTL : accessTokenTtl;
            if (refreshTokenTtl != null && refreshTokenTtl.compareTo(access) <= 0) {
                p.add("auth.tokenService.refreshTokenTtl", "must be longer than the access-token lifetime "
                        + Durations.format(access));
            }
            notBlank(p, "auth.tokenService.issuer", issuer);
            p.positive("auth.tokenService.maxFamilies", maxFamilies);
            if (!enabled) {
                return;
            }
            p.required("auth.tokenService.usersFile", usersFile);
            if (auth.jwtSecret() == null) {
                p.add("auth.tokenService.enabled", "needs auth.jwtSecret to sign tokens");
            }
            if (auth.algorithms() != null && auth.algorithms().stream().noneMatch("HS256"::equalsIgnoreCase)) {
                p.add("auth.tokenService.enabled", "issues HS256 tokens, so auth.algorithms must allow HS256");
            }
            if (issuer != null && auth.issuer() != null && !issuer.equals(auth.issuer())) {
                p.add("auth.tokenService.issuer", "must equal auth.issuer, or its tokens would be refused");
            }
        }
    }

    /** RFC 7230 header-name syntax, so a typo is caught at start rather than by Netty per request. */
    private static final class HeaderNames {
        private static final String TCHAR_SYMBOLS = "!#$%&'*+-.^_`|~";

        static void require(String name, boolean prefixAllowed) {
            if (name == null || name.isEmpty() || name.length() > 128) {
                throw new IllegalArgumentException("must be a header name, got '" + name + "'");
            }
            int end = prefixAllowed && name.endsWith("*") ? name.length() - 1 : name.length();
            for (int i = 0; i < end; i++) {
                char c = name.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || (TCHAR_SYMBOLS.indexOf(c) >= 0 && c != '*');
                if (!ok) {
                    throw new IllegalArgumentException("'" + name + "' is not a valid header name");
                }
            }
            if (end == 0) {
                throw new IllegalArgumentException("a prefix needs at least one character before '*'");
            }
        }
    }
}
