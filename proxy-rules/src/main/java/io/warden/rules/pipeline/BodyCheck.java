package io.warden.rules.pipeline;

/**
 * A check that needs the request body. The data plane buffers a body only when some body check
 * {@linkplain #wants wants} it, so bodies nobody inspects stream straight through.
 */
public interface BodyCheck {

    /** Whether this request's body must be buffered and given to {@link #check}. */
    boolean wants(RequestContext request);

    Decision check(RequestContext request, RequestBody body);
}
