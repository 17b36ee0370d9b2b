package io.warden.core.monitor;

import io.warden.rules.auth.jwt.RevocationList;
import io.warden.rules.monitor.TokenRevocation;

import java.time.Duration;
import java.time.InstantSource;

/**
 * An operator's revocation of a token id. The admin API does not see the token, so the id is
 * kept for as long as any token Warden accepts can live (the refresh-token lifetime).
 */
public final class RevocationControl implements TokenRevocation {

    private final RevocationList revocations;
    private final InstantSource clock;
    private final Duration longestLifetime;

    public RevocationControl(RevocationList revocations, InstantSource clock, Duration longestLifetime) {
        this.revocations = revocations;
        this.clock = clock;
        this.longestLifetime = longestLifetime;
    }

    @Override
    public void revoke(String jti) {
        revocations.revoke(jti, clock.instant().plus(longestLifetime));
    }
}
