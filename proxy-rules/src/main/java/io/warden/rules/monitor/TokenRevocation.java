package io.warden.rules.monitor;

/** Revoking a token by its id ({@code jti}) from the admin API; thread-safe, never blocks. */
@FunctionalInterface
public interface TokenRevocation {

    /** From now on a token with this id is refused, for as long as such a token can live. */
    void revoke(String jti);
}
