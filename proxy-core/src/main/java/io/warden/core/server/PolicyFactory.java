package io.warden.core.server;

import io.warden.core.auth.KeyMaterial;
import io.warden.core.http.DataPlanePolicy;
import io.warden.core.ws.WebSocketGuards;
import io.warden.rules.auth.AuthCheck;
import io.warden.rules.auth.BearerSubprotocolStep;
import io.warden.rules.auth.ClaimHeaders;
import io.warden.rules.auth.IdentityHeaders;
import io.warden.rules.auth.jwt.TokenVerifier;
import io.warden.rules.auth.token.TokenEndpoints;
import io.warden.rules.config.AuthConfig;
import io.warden.rules.config.WardenConfig;
import io.warden.rules.headers.HeaderHardening;
import io.warden.rules.headers.HeaderPolicies;
import io.warden.rules.headers.NonceSource;
import io.warden.rules.headers.ResponseBanners;
import io.warden.rules.inspect.InspectionCheck;
import io.warden.rules.inspect.InspectionEngine;
import io.warden.rules.json.JsonMappers;
import io.warden.rules.net.CidrSet;
import io.warden.rules.net.ClientAddressResolver;
import io.warden.rules.pipeline.BodySizeCheck;
import io.warden.rules.pipeline.RequestCheck;
import io.warden.rules.pipeline.SecurityPipeline;
import io.warden.rules.ratelimit.CaffeineLimiterStore;
import io.warden.rules.ratelimit.RateLimitCheck;
import io.warden.rules.ratelimit.RateLimiter;
import io.warden.rules.ratelimit.RateLimiting;
import io.warden.rules.ratelimit.TierPolicies;
import io.warden.rules.ratelimit.ai.StreamAdmissionCheck;
import io.warden.rules.route.RouteRulesCheck;
import io.warden.rules.route.RouteTable;
import io.warden.rules.route.body.BodyRuleCheck;
import io.warden.rules.websocket.AdmissionCheck;
import io.warden.rules.websocket.HandshakeCheck;
import io.warden.rules.websocket.InjectionMessageInspector;
import io.warden.rules.websocket.JsonMessageInspector;
import io.warden.rules.websocket.WebSocketSessions;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the data plane's policy from a validated configuration: which checks run, in which
 * order, around the state that survives reloads. The order is the design's: blocked addresses
 * first (cheapest, and a blocked client learns nothing more), then what Warden answers itself
 * (HTTPS redirect, CSP reports, token endpoints) and suspicious headers, the route's own gate, a
 * WebSocket handshake's validity (before any token is verified), identity, rate limits (which need
 * the identity), bots, cost, WebSocket connections per address, concurrent streams, body size, the
 * injection inspection of path, query, headers and cookies, the CSP nonce; then, with the body, its
 * inspection and its rules. Response steps harden every response, Warden's own included;
 * upgraded connections get the WebSocket guard, whose messages meet the same inspection.
 */
public final class PolicyFactory {

    private final SharedState state;
    private final KeyMaterial keys;
    private final String upstreamAuthority;
    private final NonceSource nonces = new NonceSource();
    private final RateLimiter cspReportLimiter;
    private final InspectionEngine engine = InspectionEngine.standard();

    public PolicyFactory(SharedState state, KeyMaterial keys, String upstreamAuthority) {
        this.state = state;
        this.keys = keys;
        this.upstreamAuthority = upstreamAuthority;
        this.cspReportLimiter = new RateLimiter(new CaffeineLimiterStore(10_000), state.ticker());
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
        HeaderPolicies headerPolicies = new HeaderPolicies(config.environment(), config.headers());
        HeaderHardening hardening = new HeaderHardening(config,
                request -> request.route().headers() != null ? request.route().headers() : headerPolicies.base(), nonces,
                cspReportLimiter, state.eventFactory());

        InspectionCheck inspection = new InspectionCheck(engine, request -> request.route().inspection(),
                state.eventFactory());
        List<RequestCheck> checks = new ArrayList<>();
        checks.add(limits.blockListCheck());
        checks.addAll(hardening.front());
        if (state.tokens() != null) {
            checks.add(new TokenEndpoints(state.tokens(), JsonMappers.standard(), state.eventFactory()));
        }
        checks.add(new RouteRulesCheck(state.eventFactory()));
        checks.add(new HandshakeCheck(state.eventFactory()));
        checks.add(authCheck);
        checks.add(rateLimit);
        checks.add(limits.botCheck());
        checks.add(limits.costBudget());
        checks.add(new AdmissionCheck(state.webSockets(), config.websocket().maxConnectionsPerIp(),
                state.eventFactory()));
        checks.add(new StreamAdmissionCheck(limits.streams()));
        checks.add(new BodySizeCheck(state.eventFactory()));
        checks.add(inspection);
        checks.add(hardening.nonces());
        SecurityPipeline pipeline = new SecurityPipeline(
                checks,
                List.of(inspection, new BodyRuleCheck(state.eventFactory())),
                List.of(new ResponseBanners(),
                        hardening.responseStep(),
                        limits.loginFailures(),
                        limits.costBudget(),
                        new BearerSubprotocolStep()),
                state.events());
        ClientAddressResolver clients = new ClientAddressResolver(CidrSet.parse(config.trustedProxies()));
        WebSocketSessions sessions = new WebSocketSessions(state.webSockets(),
                new InjectionMessageInspector(new JsonMessageInspector(state.eventFactory()), inspection),
                state.eventFactory(), state.events(), state.ticker());
        return DataPlanePolicy.of(config, pipeline, routes, clients, IdentityHeaders.of(auth.identityHeaders()),
                upstreamAuthority, new WebSocketGuards(sessions));
    }
}
