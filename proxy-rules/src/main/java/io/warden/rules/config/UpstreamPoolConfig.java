package io.warden.rules.config;

import java.time.Duration;

/**
 * @param maxConnections keep-alive connections to the upstream, across all event loops
 * @param maxPending requests that may wait for a connection when all are busy; more get 503
 * @param acquireTimeout how long a request waits for a connection before 503
 * @param idleTimeout an idle pooled connection is closed after this; keep it below the upstream's
 *                    own keep-alive timeout (uvicorn's is 5 s) so Warden never reuses a dying one
 */
public record UpstreamPoolConfig(int maxConnections, int maxPending, Duration acquireTimeout, Duration idleTimeout) {

    public static UpstreamPoolConfig defaults() {
        return new UpstreamPoolConfig(256, 1024, Duration.ofSeconds(5), Duration.ofSeconds(4));
    }

    void validate(Problems p) {
        p.positive("upstream.pool.maxConnections", maxConnections);
        if (maxPending < 0) {
            p.add("upstream.pool.maxPending", "must be 0 or more, got " + maxPending);
        }
        p.positive("upstream.pool.acquireTimeout", acquireTimeout);
        p.positive("upstream.pool.idleTimeout", idleTimeout);
    }
}
