package io.warden.core.server;

import io.warden.core.auth.KeyMaterial;
import io.warden.core.http.DataPlanePolicy;
import io.warden.core.ws.WebSocketGuards;
import io.warden.rules.auth.AuthCheck;
import io.warden.rules.auth.BearerSubprotocolStep;
import io.warden.rules.auth.ClaimHeaders;
import io.warden.rules.auth.IdentityHeaders;
import io.warden.rules.auth.jwt.TokenVerifier;
import io.warden.rules.config.AuthConfig;
import io.warden.rules.config.WardenConfig;
import io.warden.rules.headers.ResponseBanners;
import io.warden.rules.net.CidrSet;
import io.warden.rules.net.ClientAddressResolver;
import io.warden.rules.pipeline.BodySizeCheck;
import io.warden.rules.pipeline.SecurityPipeline;
import io.warden.rules.ratelimit.RateLimitCheck;
import io.warden.rules.ratelimit.RateLimiting;
import io.warden.rules.ratelimit.TierPolicies;
import io.warden.rules.ratelimit.ai.StreamAdmissionCheck;
import io.warden.rules.route.RouteRulesCheck;
import io.warden.rules.route.RouteTable;
import io.warden.rules.route.body.BodyRuleCheck;
import io.warden.rules.websocket.AdmissionCheck;
import io.warden.rules.websocket.HandshakeCheck;
import io.warden.rules.websocket.JsonMessageInspector;
import io.warden.rules.websocket.WebSocketSessions;

import java.util.List;

/**
 * Builds the data plane's policy from a validated configuration: which checks run, in which
 * order, around the state that survives reloads. The order is the design's: blocked addresses
 * first (cheapest, and a blocked client learns nothing more), then the route's own gate, a
 * WebSocket handshake's validity (before any token is verified), identity, rate limits (which
 * need the identity), bots, cost, WebSocket connections per address, concurrent streams, body
 * size; then, with the body, its rules. Upgraded connections get the WebSocket guard.
 */
public final class PolicyFactory {

    private final SharedState state;
    private final KeyMaterial keys;
    private final String upstreamAuthority;

    public PolicyFactory(SharedState state, KeyMaterial keys, String upstreamAuthority) {
        this.state = state;
        this.keys = keys;
        this.upstreamAuthority = upstreamAuthority;
    }

    /** @throws IllegalArgumentException when a key file cannot be read or used, naming the key */
    public DataPlanePolicy build(WardenConfig config) {
        RouteTable routes = RouteTable.compile(config);
        AuthConfig auth = config.auth();
        RateLimiting limits = state.rateLimiting();
        TierPolicies tiers = TierPolicies.of(config.rateLimit());
        RateLimitCheck rateLimit = limits.rateLimitCheck(
                request -> request.route().rateLimit() != null ? request.route().rateLimit() : tiers.apply(request));
        TokenVerifier verifier = new TokenVerifier(keys.resolver(auth), state.revocations(), state.clock());
        AuthCheck authCheck = new AuthCheck(request -> request.route().auth(), verifier,
                new ClaimHeaders(auth.claimHeaders()), auth.realm(), state.eventFactory());

        SecurityPipeline pipeline = new SecurityPipeline(
                List.of(limits.blockListCheck(),
                        new RouteRulesCheck(state.eventFactory()),
                        new HandshakeCheck(state.eventFactory()),
                        authCheck,
                        rateLimit,
                        limits.botCheck(),
                        limits.costBudget(),
                        new AdmissionCheck(state.webSockets(), config.websocket().maxConnectionsPerIp(),
                                state.eventFactory()),
                        new StreamAdmissionCheck(limits.streams()),
                        new BodySizeCheck(state.eventFactory())),
                List.of(new BodyRuleCheck(state.eventFactory())),
                List.of(new ResponseBanners(),
                        limits.loginFailures(),
                        limits.costBudget(),
                        new BearerSubprotocolStep()),
                state.events());
        ClientAddressResolver clients = new ClientAddressResolver(CidrSet.parse(config.trustedProxies()));
        WebSocketSessions sessions = new WebSocketSessions(state.webSockets(),
                new JsonMessageInspector(state.eventFactory()), state.eventFactory(), state.events(), state.ticker());
        return DataPlanePolicy.of(config, pipeline, routes, clients, IdentityHeaders.of(auth.identityHeaders()),
                upstreamAuthority, new WebSocketGuards(sessions));
    }
}
