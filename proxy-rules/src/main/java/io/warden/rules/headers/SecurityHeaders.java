package io.warden.rules.headers;

import io.warden.rules.config.UpstreamHeaderRule;
import io.warden.rules.pipeline.MutableHeaders;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.pipeline.ResponseStep;

import java.util.List;
import java.util.function.Function;

/**
 * Puts the request's {@link HeaderPolicy} on every response head, Warden's own answers included:
 * the fixed security headers, HSTS on HTTPS only, and the CSP with the nonce the upstream was
 * given. Only copies strings that {@link HeaderPolicies} resolved in advance.
 */
public final class SecurityHeaders implements ResponseStep {

    private final Function<RequestContext, HeaderPolicy> policies;

    /** @param policies the policy of a request, typically its route's */
    public SecurityHeaders(Function<RequestContext, HeaderPolicy> policies) {
        this.policies = policies;
    }

    @Override
    public void onResponse(RequestContext request, int status, MutableHeaders headers) {
        HeaderPolicy policy = policies.apply(request);
        boolean replace = policy.upstreamHeaders() == UpstreamHeaderRule.REPLACE;
        List<HeaderField> fields = policy.headers();
        for (int i = 0; i < fields.size(); i++) {
            HeaderField field = fields.get(i);
            put(headers, field.name(), field.value(), replace);
        }
        if (policy.strictTransportSecurity() != null && request.secure()) {
            put(headers, HeaderPolicy.HSTS, policy.strictTransportSecurity(), replace);
        }
        CspTemplate csp = policy.csp();
        if (csp != null) {
            put(headers, policy.cspHeaderName(), csp.render(request.upstreamHeaders().get(CspNonces.UPSTREAM_HEADER)),
                    replace);
        }
    }

    private static void put(MutableHeaders headers, String name, String value, boolean replace) {
        if (replace) {
            headers.set(name, value);
        } else if (!headers.contains(name)) {
            // Known absent: adding skips the search for copies to remove that set makes.
            headers.add(name, value);
        }
    }
}
