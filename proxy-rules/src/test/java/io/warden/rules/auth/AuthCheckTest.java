package io.warden.rules.auth;

import com.auth0.jwt.algorithms.Algorithm;
import io.warden.rules.auth.Fixtures.Headers;
import io.warden.rules.auth.Fixtures.ManualClock;
import io.warden.rules.auth.jwt.InMemoryRevocationList;
import io.warden.rules.auth.jwt.JwtAlgorithm;
import io.warden.rules.auth.jwt.JwtRules;
import io.warden.rules.auth.jwt.StaticKeys;
import io.warden.rules.auth.jwt.TokenVerifier;
import io.warden.rules.auth.jwt.VerificationKey;
import io.warden.rules.config.AuthMode;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.MutableHeaders;
import io.warden.rules.pipeline.RequestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.warden.rules.auth.Fixtures.NOW;
import static io.warden.rules.auth.Fixtures.get;
import static io.warden.rules.auth.Fixtures.hs256;
import static io.warden.rules.auth.Fixtures.token;
import static io.warden.rules.auth.Fixtures.webSocket;
import static org.assertj.core.api.Assertions.assertThat;

class AuthCheckTest {

    private static KeyPair rsa;

    private final ManualClock clock = ManualClock.atNow();
    private final TokenVerifier verifier = new TokenVerifier(
            StaticKeys.of(Fixtures.SECRET, List.of(VerificationKey.publicKey(null, rsa.getPublic(), null))),
            new InMemoryRevocationList(100, clock, clock), clock);
    private final EventFactory events = new EventFactory(clock);
    private final AuthPolicy hs = new AuthPolicy(AuthMode.OPTIONAL, JwtRules.access(Set.of(JwtAlgorithm.HS256)),
            TokenSources.bearerHeader(), List.of());

    @BeforeAll
    static void keys() {
        rsa = Fixtures.rsaKeys();
    }

    private AuthCheck check(AuthPolicy policy) {
        return new AuthCheck(request -> policy, verifier, new ClaimHeaders(Map.of("email", "X-Warden-Email",
                "roles", "X-Warden-Roles", "name", "X-Warden-Name")), "warden", events);
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static Decision.Reject rejected(Decision decision, int status) {
        assertThat(decision).isInstanceOf(Decision.Reject.class);
        Decision.Reject reject = (Decision.Reject) decision;
        assertThat(reject.status()).isEqualTo(status);
        return reject;
    }

    @Test
    void noneModeChecksNothing() {
        RequestContext request = get("/health", "Authorization", "Bearer garbage");
        assertThat(check(hs.withMode(AuthMode.NONE)).check(request)).isInstanceOf(Decision.Proceed.class);
        assertThat(request.identity()).isNull();
    }

    @Test
    void optionalWithoutTokenIsAnonymous() {
        RequestContext request = get("/api/listings");
        assertThat(check(hs).check(request)).isEqualTo(Decision.proceed());
        assertThat(request.identity()).isNull();
        assertThat(request.upstreamHeaders()).isEmpty();

        RequestContext basic = get("/api/listings", "Authorization", "Basic YWxpY2U6cHc=");
        assertThat(check(hs).check(basic)).as("another scheme is not a bearer token").isEqualTo(Decision.proceed());
    }

    @Test
    void validTokenSetsIdentityAndForwardsSubjectAndClaimHeaders() {
        String token = token().withClaim("name", "Alice\nX-Admin: yes").sign(hs256());
        RequestContext request = get("/api/chat", "Authorization", bearer(token));

        assertThat(check(hs.withMode(AuthMode.REQUIRED)).check(request)).isInstanceOf(Decision.Proceed.class);

        assertThat(request.identity().subject()).as("the subject selects the authenticated rate-limit tier")
                .isEqualTo("alice");
        assertThat(request.identity().claims()).containsEntry("roles", List.of("agent", "viewer"));
        assertThat(request.upstreamHeaders()).containsEntry("X-Warden-Subject", "alice")
                .containsEntry("X-Warden-Email", "alice@example.com")
                .containsEntry("X-Warden-Roles", "agent,viewer")
                .as("a claim value that could split a header is not forwarded").doesNotContainKey("X-Warden-Name");
        assertThat(request.upstreamTarget()).isEqualTo("/api/chat");
        assertThat(request.removedUpstreamHeaders()).as("the Authorization header goes on to the backend").isEmpty();
    }

    @Test
    void optionalWithAnInvalidTokenIsRefused() {
        String expired = token().withExpiresAt(NOW.minus(Duration.ofHours(1))).sign(hs256());
        Decision.Reject reject = rejected(check(hs).check(get("/api/listings", "Authorization", bearer(expired))), 401);

        assertThat(reject.reason()).as("the client learns no more than this").isEqualTo("invalid token");
        assertThat(reject.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"warden\", error=\"invalid_token\"");
        SecurityEvent event = reject.events().get(0);
        assertThat(event.type()).isEqualTo(EventType.AUTHENTICATION_FAILURE);
        assertThat(event.details()).containsEntry("reason", "expired").containsEntry("source", "header");
        assertThat(event.details().toString()).as("events never hold a whole token").doesNotContain(expired);
        assertThat(event.sourceIp()).isEqualTo("203.0.113.7");
    }

    @Test
    void requiredWithoutTokenGetsAChallengeWithoutError() {
        Decision.Reject reject = rejected(check(hs.withMode(AuthMode.REQUIRED)).check(get("/api/chat")), 401);
        assertThat(reject.headers()).as("RFC 6750 §3.1: no error code when no credentials were sent")
                .containsEntry("WWW-Authenticate", "Bearer realm=\"warden\"");
        assertThat(reject.events().get(0).details()).containsEntry("reason", "missing_token");
    }

    @Test
    void hsTokenOnAnRsRouteIsRefusedAsHighThreat() {
        AuthPolicy rs = hs.withMode(AuthMode.REQUIRED).withJwt(JwtRules.access(Set.of(JwtAlgorithm.RS256)));
        Decision.Reject reject = rejected(check(rs).check(get("/api/admin", "Authorization", bearer(token().sign(hs256())))), 401);
        assertThat(reject.events().get(0).level()).as("algorithm confusion is an attack, not an accident")
                .isEqualTo(ThreatLevel.HIGH);
        assertThat(reject.events().get(0).details()).containsEntry("reason", "algorithm_not_allowed");

        String rs256 = token().sign(Algorithm.RSA256((RSAPublicKey) rsa.getPublic(), (RSAPrivateKey) rsa.getPrivate()));
        assertThat(check(rs).check(get("/api/admin", "Authorization", bearer(rs256)))).isInstanceOf(Decision.Proceed.class);
    }

    @Test
    void missingRequiredClaimIsForbidden() {
        AuthPolicy admins = hs.withMode(AuthMode.REQUIRED)
                .withRequiredClaims(List.of(ClaimRequirement.anyOf("roles", List.of("admin", "owner"))));
        RequestContext request = get("/api/commissions", "Authorization", bearer(token().sign(hs256())));

        Decision.Reject reject = rejected(check(admins).check(request), 403);
        assertThat(reject.reason()).isEqualTo("insufficient permissions");
        assertThat(reject.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"warden\", error=\"insufficient_scope\"");
        assertThat(reject.events().get(0).type()).isEqualTo(EventType.AUTHORIZATION_FAILURE);
        assertThat(reject.events().get(0).details()).containsEntry("subject", "alice");
        assertThat(request.identity()).as("a refused request carries no identity").isNull();
    }

    @Test
    void requiredClaimsMatchArraysAndSpaceSeparatedScopes() {
        AuthPolicy agents = hs.withMode(AuthMode.REQUIRED).withRequiredClaims(List.of(
                ClaimRequirement.anyOf("roles", List.of("admin", "agent")),
                ClaimRequirement.allOf("scope", List.of("chat:write", "listings:read"))));
        String token = token().withClaim("scope", "listings:read chat:write profile").sign(hs256());
        assertThat(check(agents).check(get("/api/chat", "Authorization", bearer(token)))).isInstanceOf(Decision.Proceed.class);

        String narrow = token().withClaim("scope", "listings:read").sign(hs256());
        rejected(check(agents).check(get("/api/chat", "Authorization", bearer(narrow))), 403);
    }

    @Test
    void twoAuthorizationHeadersAreRefused() {
        String token = token().sign(hs256());
        RequestContext request = Fixtures.request("GET", "/api/chat",
                Headers.of("Authorization", bearer(token), "Authorization", "Bearer other"));
        Decision.Reject reject = rejected(check(hs).check(request), 401);
        assertThat(reject.events().get(0).details()).as("the backend might read the other one")
                .containsEntry("reason", "ambiguous_token");
    }

    @Test
    void webSocketTokenFromSubprotocolIsTakenAndStripped() {
        String token = token().sign(hs256());
        RequestContext request = webSocket("/ws/chat", "Sec-WebSocket-Protocol", "bearer, " + token + ", chat.v1");

        assertThat(check(hs.withMode(AuthMode.REQUIRED)).check(request)).isInstanceOf(Decision.Proceed.class);
        assertThat(request.identity().subject()).isEqualTo("alice");
        assertThat(request.removedUpstreamHeaders()).containsExactly("Sec-WebSocket-Protocol");
        assertThat(request.upstreamHeaders()).as("the backend sees only the real subprotocols")
                .containsEntry("Sec-WebSocket-Protocol", "chat.v1");

        RequestContext only = webSocket("/ws/chat", "Sec-WebSocket-Protocol", "bearer, " + token);
        check(hs).check(only);
        assertThat(only.removedUpstreamHeaders()).containsExactly("Sec-WebSocket-Protocol");
        assertThat(only.upstreamHeaders()).doesNotContainKey("Sec-WebSocket-Protocol");
    }

    @Test
    void bearerSubprotocolIsSelectedWhenTheBackendSelectedNone() {
        RequestContext request = webSocket("/ws/chat", "Sec-WebSocket-Protocol", "bearer, " + token().sign(hs256()));
        Headers response = Headers.of("Upgrade", "websocket");
        new BearerSubprotocolStep().onResponse(request, 101, mutable(response));
        assertThat(response.get("Sec-WebSocket-Protocol")).as("a browser fails a handshake that selects none")
                .isEqualTo("bearer");

        Headers chosen = Headers.of("Sec-WebSocket-Protocol", "chat.v1");
        new BearerSubprotocolStep().onResponse(request, 101, mutable(chosen));
        assertThat(chosen.get("Sec-WebSocket-Protocol")).isEqualTo("chat.v1");
    }

    @Test
    void webSocketTokenFromQueryIsTakenAndStripped() {
        String token = token().sign(hs256());
        RequestContext request = webSocket("/ws/chat?room=5&token=" + token + "&lang=en");

        assertThat(check(hs.withMode(AuthMode.REQUIRED)).check(request)).isInstanceOf(Decision.Proceed.class);
        assertThat(request.upstreamTarget()).as("a token in a forwarded URL ends up in logs").isEqualTo("/ws/chat?room=5&lang=en");

        RequestContext alone = webSocket("/ws/chat?token=" + token);
        check(hs).check(alone);
        assertThat(alone.upstreamTarget()).isEqualTo("/ws/chat");

        RequestContext kept = webSocket("/ws/chat?token=" + token);
        check(hs.withSources(new TokenSources("Authorization", null, true, false))).check(kept);
        assertThat(kept.upstreamTarget()).as("stripping can be turned off for a backend that reads it").isEqualTo("/ws/chat?token=" + token);
    }

    @Test
    void queryTokenCountsOnlyOnWebSocketHandshakes() {
        String token = token().sign(hs256());
        rejected(check(hs.withMode(AuthMode.REQUIRED)).check(get("/api/chat?token=" + token)), 401);
    }

    @Test
    void tokensInTwoPlacesAreRefused() {
        String token = token().sign(hs256());
        RequestContext request = webSocket("/ws/chat?token=" + token, "Authorization", bearer(token));
        Decision.Reject reject = rejected(check(hs).check(request), 401);
        assertThat(reject.events().get(0).details()).containsEntry("reason", "ambiguous_token");
    }

    @Test
    void tokenFromConfiguredCookieOrHeader() {
        String token = token().sign(hs256());
        AuthPolicy cookie = hs.withMode(AuthMode.REQUIRED).withSources(new TokenSources("Authorization", "session", false, true));
        RequestContext request = get("/api/chat", "Cookie", "theme=dark; session=" + token);
        assertThat(check(cookie).check(request)).isInstanceOf(Decision.Proceed.class);

        RequestContext tossed = get("/api/chat", "Cookie", "session=" + token + "; session=forged");
        rejected(check(cookie).check(tossed), 401);

        AuthPolicy header = hs.withMode(AuthMode.REQUIRED).withSources(new TokenSources("X-Access-Token", null, false, true));
        assertThat(check(header).check(get("/api/chat", "X-Access-Token", token))).isInstanceOf(Decision.Proceed.class);
    }

    private static MutableHeaders mutable(Headers headers) {
        return new MutableHeaders() {
            @Override
            public void set(CharSequence name, String value) {
                headers.set(name.toString(), value);
            }

            @Override
            public void add(CharSequence name, String value) {
                headers.set(name.toString(), value);
            }

            @Override
            public void remove(CharSequence name) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String get(CharSequence name) {
                return headers.get(name);
            }

            @Override
            public List<String> getAll(CharSequence name) {
                return headers.getAll(name);
            }

            @Override
            public boolean contains(CharSequence name) {
                return headers.contains(name);
            }

            @Override
            public int size() {
                return headers.size();
            }

            @Override
            public void forEach(java.util.function.BiConsumer<String, String> action) {
                headers.forEach(action);
            }
        };
    }
}
