package io.warden.core.cluster;

import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.warden.rules.auth.jwt.RevocationList;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Revoked token ids shared by every instance: answered from the local list (no network on the
 * request path), each revocation added to the Redis sorted set {@code <prefix>revoked} (score:
 * when the token expires) and published, so the other instances refuse the token too. Revocations
 * made while Redis was lost are re-published when it returns; joining loads the whole set.
 */
public final class ClusterRevocations implements RevocationList, RedisLink.Member {

    private final RedisLink link;
    private final RevocationList local;
    private final InstantSource clock;
    private final String set;
    private final Map<String, Instant> unshared = new ConcurrentHashMap<>();

    public ClusterRevocations(RedisLink link, RevocationList local, InstantSource clock) {
        this.link = link;
        this.local = local;
        this.clock = clock;
        this.set = link.key("revoked");
        link.subscribe(set, this::onMessage);
    }

    @Override
    public boolean isRevoked(String id) {
        return local.isRevoked(id);
    }

    @Override
    public void revoke(String id, Instant expiresAt) {
        local.revoke(id, expiresAt);
        share(id, expiresAt);
    }

    private void share(String id, Instant expiresAt) {
        if (!link.up()) {
            unshared.put(id, expiresAt);
            return;
        }
        String message = link.instanceId() + " " + expiresAt.toEpochMilli() + " " + id;
        link.call(c -> c.zadd(set, (double) expiresAt.toEpochMilli(), id))
                .thenCompose(v -> link.call(c -> c.publish(set, message)))
                .whenComplete((v, e) -> {
                    if (e != null) {
                        unshared.put(id, expiresAt);
                    }
                });
    }

    private void onMessage(String message) {
        String[] parts = message.split(" ", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a revocation");
        }
        if (!parts[0].equals(link.instanceId())) {
            local.revoke(parts[2], Instant.ofEpochMilli(Long.parseLong(parts[1])));
        }
    }

    @Override
    public void joined(RedisLink link) throws Exception {
        long now = clock.millis();
        link.await(link.call(c -> c.zremrangebyscore(set, Range.create(0d, (double) now))));
        List<ScoredValue<String>> all = link.await(link.call(c -> c.zrangeWithScores(set, 0, -1)));
        for (ScoredValue<String> v : all) {
            local.revoke(v.getValue(), Instant.ofEpochMilli((long) v.getScore()));
        }
        for (Map.Entry<String, Instant> e : Map.copyOf(unshared).entrySet()) {
            unshared.remove(e.getKey(), e.getValue());
            if (e.getValue().toEpochMilli() > now) {
                share(e.getKey(), e.getValue());
            }
        }
    }
}
