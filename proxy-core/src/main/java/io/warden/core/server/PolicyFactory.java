package io.warden.core.server;

import io.warden.core.http.DataPlanePolicy;
import io.warden.rules.config.WardenConfig;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventSink;
import io.warden.rules.headers.HeaderHardening;
import io.warden.rules.headers.HeaderPolicies;
import io.warden.rules.headers.NonceSource;
import io.warden.rules.headers.ResponseBanners;
import io.warden.rules.net.CidrSet;
import io.warden.rules.net.ClientAddressResolver;
import io.warden.rules.pipeline.BodySizeCheck;
import io.warden.rules.pipeline.RequestCheck;
import io.warden.rules.pipeline.SecurityPipeline;
import io.warden.rules.ratelimit.CaffeineLimiterStore;
import io.warden.rules.ratelimit.RateLimiter;
import io.warden.rules.route.RoutePolicy;
import io.warden.rules.time.Ticker;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the data plane's policy from a validated configuration: which checks run in which order.
 * Stateful parts that must outlive a reload are passed in, not created here.
 */
public final class PolicyFactory {

    private final EventSink events;
    private final EventFactory eventFactory;
    private final String upstreamAuthority;
    private final NonceSource nonces = new NonceSource();
    private final RateLimiter cspReportLimiter = new RateLimiter(new CaffeineLimiterStore(10_000), Ticker.system());

    public PolicyFactory(EventSink events, EventFactory eventFactory, String upstreamAuthority) {
        this.events = events;
        this.eventFactory = eventFactory;
        this.upstreamAuthority = upstreamAuthority;
    }

    public DataPlanePolicy build(WardenConfig config) {
        // header hardening (issue 7): its front checks first, the nonce last, its step on every response
        HeaderPolicies headerPolicies = new HeaderPolicies(config.environment(), config.headers());
        HeaderHardening hardening = new HeaderHardening(config, request -> headerPolicies.base(), nonces,
                cspReportLimiter, eventFactory);
        List<RequestCheck> checks = new ArrayList<>(hardening.front());
        checks.add(new BodySizeCheck(eventFactory));
        checks.add(hardening.nonces());
        SecurityPipeline pipeline = new SecurityPipeline(
                checks,
                List.of(),
                List.of(new ResponseBanners(), hardening.responseStep()),
                events);
        RoutePolicy defaultRoute = new RoutePolicy("default", config.limits().maxRequestBodyBytes());
        ClientAddressResolver clients = new ClientAddressResolver(CidrSet.parse(config.trustedProxies()));
        return DataPlanePolicy.of(config, pipeline, (method, path) -> defaultRoute, clients, upstreamAuthority);
    }
}
