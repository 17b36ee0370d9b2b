package io.warden.core.http;

import io.warden.core.ws.WebSocketGuards;
import io.warden.rules.auth.IdentityHeaders;
import io.warden.rules.config.ServerConfig;
import io.warden.rules.config.UpstreamConfig;
import io.warden.rules.config.WardenConfig;
import io.warden.rules.net.ClientAddressResolver;
import io.warden.rules.pipeline.SecurityPipeline;
import io.warden.rules.route.RouteLookup;

/**
 * Everything the data plane decides with, built from one configuration. Immutable: a reload
 * builds a new one and swaps it in whole, so a request sees one policy from start to end.
 */
public record DataPlanePolicy(
        WardenConfig config,
        SecurityPipeline pipeline,
        ClientAddressResolver clientAddresses,
        RouteLookup routes,
        ForwardingHeaders forwarding,
        long headerTimeoutNanos,
        long idleTimeoutNanos,
        long bodyTimeoutNanos,
        long responseTimeoutNanos,
        long streamIdleTimeoutNanos,
        WebSocketGuards webSockets) {

    public static DataPlanePolicy of(WardenConfig config, SecurityPipeline pipeline, RouteLookup routes,
                                     ClientAddressResolver clientAddresses, IdentityHeaders identityHeaders,
                                     String upstreamAuthority, WebSocketGuards webSockets) {
        ServerConfig server = config.server();
        UpstreamConfig upstream = config.upstream();
        return new DataPlanePolicy(config, pipeline, clientAddresses, routes,
                new ForwardingHeaders(upstreamAuthority, upstream.preserveHost(), identityHeaders),
                server.headerTimeout().toNanos(), server.idleTimeout().toNanos(),
                server.requestBodyTimeout().toNanos(), upstream.responseTimeout().toNanos(),
                upstream.streamIdleTimeout().toNanos(), webSockets);
    }

    /** How often a connection checks its deadlines: fine enough for the shortest of them. */
    long tickNanos() {
        long shortest = Math.min(Math.min(headerTimeoutNanos, idleTimeoutNanos),
                Math.min(bodyTimeoutNanos, Math.min(responseTimeoutNanos, streamIdleTimeoutNanos)));
        return Math.max(50_000_000L, Math.min(1_000_000_000L, shortest / 4));
    }
}
