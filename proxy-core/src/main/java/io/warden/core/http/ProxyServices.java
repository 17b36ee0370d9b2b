package io.warden.core.http;

import io.warden.core.log.AccessLog;
import io.warden.core.server.DataPlaneMetrics;
import io.warden.core.server.Lifecycle;
import io.warden.core.upstream.UpstreamPool;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventSink;

import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * What every client connection's handler shares: the current policy (swapped on reload) and the
 * long-lived services that survive reloads.
 *
 * @param blockingWork runs what must not run on an event loop (bcrypt); bounded, it refuses when full
 * @param connections admits or refuses each new client connection, across all listeners
 */
public record ProxyServices(
        Supplier<DataPlanePolicy> policy,
        UpstreamPool pool,
        EventSink events,
        EventFactory eventFactory,
        AccessLog accessLog,
        Lifecycle lifecycle,
        DataPlaneMetrics metrics,
        Executor blockingWork,
        ConnectionGuard connections) {
}
