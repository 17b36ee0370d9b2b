package io.warden.rules.auth.jwt;

/**
 * Told when a token names a key the current JWKS does not have. Core implements it by scheduling
 * a fetch off the event loop; it is called on the verifying thread, so it must only enqueue.
 */
@FunctionalInterface
public interface KeyRefreshListener {

    void refreshRequested();

    static KeyRefreshListener ignoring() {
        return () -> { };
    }
}
