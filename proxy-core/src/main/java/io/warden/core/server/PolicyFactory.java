package io.warden.core.server;

import io.warden.core.http.DataPlanePolicy;
import io.warden.rules.config.WardenConfig;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventSink;
import io.warden.rules.headers.ResponseBanners;
import io.warden.rules.net.CidrSet;
import io.warden.rules.net.ClientAddressResolver;
import io.warden.rules.pipeline.BodySizeCheck;
import io.warden.rules.pipeline.RequestCheck;
import io.warden.rules.pipeline.SecurityPipeline;
import io.warden.rules.route.RoutePolicy;

import java.util.List;

/**
 * Builds the data plane's policy from a validated configuration: which checks run in which order.
 * Stateful parts that must outlive a reload are passed in, not created here.
 */
public final class PolicyFactory {

    private final EventSink events;
    private final EventFactory eventFactory;
    private final String upstreamAuthority;
    private final RequestCheck blockListCheck;

    /** @param blockListCheck the first check: refuses blocked addresses (blocks by the admin API included) */
    public PolicyFactory(EventSink events, EventFactory eventFactory, String upstreamAuthority,
                         RequestCheck blockListCheck) {
        this.events = events;
        this.eventFactory = eventFactory;
        this.upstreamAuthority = upstreamAuthority;
        this.blockListCheck = blockListCheck;
    }

    public DataPlanePolicy build(WardenConfig config) {
        SecurityPipeline pipeline = new SecurityPipeline(
                List.of(blockListCheck, new BodySizeCheck(eventFactory)),
                List.of(),
                List.of(new ResponseBanners()),
                events);
        RoutePolicy defaultRoute = new RoutePolicy("default", config.limits().maxRequestBodyBytes());
        ClientAddressResolver clients = new ClientAddressResolver(CidrSet.parse(config.trustedProxies()));
        return DataPlanePolicy.of(config, pipeline, (method, path) -> defaultRoute, clients, upstreamAuthority);
    }
}
