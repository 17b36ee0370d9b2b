package io.warden.rules.pipeline;

/**
 * A check that needs the request body. The data plane buffers a body only when some body check
 * {@linkplain #wants wants} it, so bodies nobody inspects stream straight through.
 */
public interface BodyCheck {

    /** What a check buffers unless it says otherwise: chat messages and forms, not uploads. */
    long DEFAULT_MAX_BUFFERED_BYTES = 1024 * 1024;

    /** Whether this request's body must be buffered and given to {@link #check}. */
    boolean wants(RequestContext request);

    Decision check(RequestContext request, RequestBody body);

    /**
     * The most bytes this check will have buffered for {@code request}. A larger body is refused
     * (413) rather than inspected in part, since whatever lies past the cut would go unchecked.
     */
    default long maxBufferedBytes(RequestContext request) {
        return DEFAULT_MAX_BUFFERED_BYTES;
    }
}
