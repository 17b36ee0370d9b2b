package io.warden.rules.headers;

import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.RequestCheck;
import io.warden.rules.pipeline.RequestContext;

import java.util.function.Function;

/**
 * Gives each request whose CSP uses {@code {nonce}} a fresh nonce, handed to the upstream in
 * {@value #UPSTREAM_HEADER} so its HTML can carry it ({@code <script nonce="...">}); the response
 * step reads it back from there, so the CSP and the upstream always agree. A client's own
 * {@value #UPSTREAM_HEADER} never reaches the upstream: it would let an attacker choose the nonce.
 */
public final class CspNonces implements RequestCheck {

    public static final String UPSTREAM_HEADER = "X-CSP-Nonce";

    private final Function<RequestContext, HeaderPolicy> policies;
    private final NonceSource nonces;

    public CspNonces(Function<RequestContext, HeaderPolicy> policies, NonceSource nonces) {
        this.policies = policies;
        this.nonces = nonces;
    }

    @Override
    public Decision check(RequestContext request) {
        if (request.headers().contains(UPSTREAM_HEADER)) {
            request.removeUpstreamHeader(UPSTREAM_HEADER);
        }
        if (policies.apply(request).usesNonce()) {
            request.addUpstreamHeader(UPSTREAM_HEADER, nonces.next());
        }
        return Decision.proceed();
    }
}
