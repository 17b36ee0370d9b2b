package io.warden.rules.pipeline;

/**
 * Answers a request in Warden itself, so it never reaches the upstream: the CSP report endpoint,
 * the redirect to HTTPS. A check hands one back in {@link Decision.Answer}; the data plane reads
 * at most {@link #maxBodyBytes()} of the body (a larger one is refused with 413), then writes
 * what {@link #respond} returns, through the response steps like every other response.
 */
public interface LocalResponder {

    /** The body this responder reads; 0 answers from the head alone and the body is discarded. */
    long maxBodyBytes();

    /**
     * Whether {@link #respond} blocks (e.g. checks a bcrypt hash): the data plane then calls it on
     * a worker thread, never on an event loop.
     */
    default boolean blocking() {
        return false;
    }

    /**
     * @param body the body when {@link #maxBodyBytes()} is above 0 and the request had one; null otherwise
     */
    LocalResponse respond(RequestContext request, RequestBody body);
}
