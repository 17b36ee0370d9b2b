package io.warden.rules.headers;

import io.warden.rules.config.HostPort;
import io.warden.rules.config.WardenConfig;
import io.warden.rules.events.EventFactory;
import io.warden.rules.pipeline.RequestCheck;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.pipeline.ResponseStep;
import io.warden.rules.ratelimit.ClientKeys;
import io.warden.rules.ratelimit.RateLimiter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * This package's checks and steps for one configuration, in the order they belong in the pipeline:
 * {@link #front()} first (nothing else should read a request over plain HTTP that must be
 * redirected, headers Warden refuses, or a CSP report), {@link #nonces()} last (only requests that
 * will be forwarded need one), and {@link #responseStep()} on every response.
 */
public final class HeaderHardening {

    private final List<RequestCheck> front;
    private final RequestCheck nonces;
    private final ResponseStep responseStep;

    /**
     * @param policies the header policy of a request: its route's, or {@link HeaderPolicies#base()}
     * @param nonceSource long-lived: its per-thread generators are costly to seed
     * @param reportLimiter long-lived: counts CSP reports per client address across reloads
     */
    public HeaderHardening(WardenConfig config, Function<RequestContext, HeaderPolicy> policies,
                           NonceSource nonceSource, RateLimiter reportLimiter, EventFactory events) {
        List<RequestCheck> checks = new ArrayList<>(3);
        if (config.tls().requireHttps()) {
            checks.add(new HttpsRedirect(redirectPort(config), config.tls().redirectExemptPaths()));
        }
        checks.add(new SuspiciousHeaders(config.requestHeaders(), events));
        if (config.headers().csp().reportPath() != null) {
            checks.add(new CspReportEndpoint(config.headers().csp(), reportLimiter,
                    new ClientKeys(config.rateLimit().ipv6Prefix()), events));
        }
        this.front = List.copyOf(checks);
        this.nonces = new CspNonces(policies, nonceSource);
        this.responseStep = new SecurityHeaders(policies);
    }

    public List<RequestCheck> front() {
        return front;
    }

    public RequestCheck nonces() {
        return nonces;
    }

    public ResponseStep responseStep() {
        return responseStep;
    }

    private static int redirectPort(WardenConfig config) {
        Integer configured = config.tls().redirectPort();
        return configured != null ? configured : HostPort.parse(config.listen().https()).port();
    }
}
