package io.warden.rules.auth.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.warden.rules.time.Ticker;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Token families in a bounded Caffeine cache, each entry living until its newest refresh token
 * expires. A family dropped for room fails closed: its refresh token is refused and the user logs
 * in again.
 */
public final class InMemoryTokenFamilyStore implements TokenFamilyStore {

    private final Cache<String, TokenFamily> families;

    public InMemoryTokenFamilyStore(long maxFamilies, InstantSource clock, Ticker ticker) {
        if (maxFamilies <= 0) {
            throw new IllegalArgumentException("maxFamilies must be > 0, got " + maxFamilies);
        }
        this.families = Caffeine.newBuilder()
                .maximumSize(maxFamilies)
                .expireAfter(new UntilExpiry(clock))
                .ticker(ticker::nanos)
                .executor(Runnable::run)
                .build();
    }

    @Override
    public void create(TokenFamily family) {
        families.put(family.familyId(), family);
    }

    @Override
    public TokenFamily find(String familyId) {
        return families.getIfPresent(familyId);
    }

    @Override
    public boolean rotate(String familyId, String expectedJti, String nextJti, Instant nextExpiresAt) {
        boolean[] rotated = {false};
        families.asMap().computeIfPresent(familyId, (id, family) -> {
            if (family.revoked() || !ConstantTime.equal(family.currentJti(), expectedJti)) {
                return family;
            }
            rotated[0] = true;
            return new TokenFamily(id, family.subject(), nextJti, nextExpiresAt, false);
        });
        return rotated[0];
    }

    @Override
    public void revoke(String familyId) {
        families.asMap().computeIfPresent(familyId, (id, family) ->
                new TokenFamily(id, family.subject(), family.currentJti(), family.expiresAt(), true));
    }

    private record UntilExpiry(InstantSource clock) implements Expiry<String, TokenFamily> {
        @Override
        public long expireAfterCreate(String id, TokenFamily family, long currentTime) {
            return nanosUntil(family.expiresAt());
        }

        @Override
        public long expireAfterUpdate(String id, TokenFamily family, long currentTime, long currentDuration) {
            return nanosUntil(family.expiresAt());
        }

        @Override
        public long expireAfterRead(String id, TokenFamily family, long currentTime, long currentDuration) {
            return currentDuration;
        }

        private long nanosUntil(Instant expiresAt) {
            Duration left = Duration.between(clock.instant(), expiresAt);
            return left.isNegative() ? 0 : left.toNanos();
        }
    }
}
