package io.warden.rules.auth.jwt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.warden.rules.time.Ticker;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded, in-process revocation list. Each entry expires with its token. When more than
 * {@code maxEntries} live revocations exist, Caffeine evicts some, and those tokens would be
 * accepted again until they expire: {@link #evictedBeforeExpiry()} counts that, so core can expose
 * it as a metric and operators can size the list.
 */
public final class InMemoryRevocationList implements RevocationList {

    private final Cache<String, Instant> revoked;
    private final InstantSource clock;
    private final AtomicLong evictedEarly = new AtomicLong();

    public InMemoryRevocationList(long maxEntries, InstantSource clock, Ticker ticker) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be > 0, got " + maxEntries);
        }
        this.clock = clock;
        this.revoked = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfter(new UntilExpiry(clock))
                .ticker(ticker::nanos)
                .executor(Runnable::run)
                .evictionListener((String id, Instant expiresAt, RemovalCause cause) -> {
                    if (cause == RemovalCause.SIZE) {
                        evictedEarly.incrementAndGet();
                    }
                })
                .build();
    }

    @Override
    public boolean isRevoked(String id) {
        return id != null && revoked.getIfPresent(id) != null;
    }

    @Override
    public void revoke(String id, Instant expiresAt) {
        if (id != null && expiresAt.isAfter(clock.instant())) {
            revoked.asMap().merge(id, expiresAt, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    /** Revocations dropped for room while their token was still valid. */
    public long evictedBeforeExpiry() {
        return evictedEarly.get();
    }

    public long estimatedSize() {
        return revoked.estimatedSize();
    }

    /** Each entry lives until its token's expiry, as wall time says, measured on the ticker. */
    private record UntilExpiry(InstantSource clock) implements Expiry<String, Instant> {
        @Override
        public long expireAfterCreate(String id, Instant expiresAt, long currentTime) {
            return nanosUntil(expiresAt);
        }

        @Override
        public long expireAfterUpdate(String id, Instant expiresAt, long currentTime, long currentDuration) {
            return nanosUntil(expiresAt);
        }

        @Override
        public long expireAfterRead(String id, Instant expiresAt, long currentTime, long currentDuration) {
            return currentDuration;
        }

        private long nanosUntil(Instant expiresAt) {
            Duration left = Duration.between(clock.instant(), expiresAt);
            if (left.isNegative()) {
                return 0;
            }
            return left.compareTo(Duration.ofDays(365 * 100)) > 0 ? Long.MAX_VALUE : left.toNanos();
        }
    }
}
