package io.warden.core.cluster;

import io.warden.rules.auth.jwt.RevocationList;
import io.warden.rules.config.RedisFailureMode;
import io.warden.rules.config.WardenConfig;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventSink;
import io.warden.rules.health.ComponentHealth;
import io.warden.rules.json.JsonMappers;
import io.warden.rules.ratelimit.KeyCounter;
import io.warden.rules.ratelimit.LimiterStore;
import io.warden.rules.ratelimit.block.BlockList;
import io.warden.rules.time.Ticker;

import java.time.InstantSource;

/**
 * Cluster mode ({@code redis.url} set): the Redis link and the shared parts on it, built in two
 * steps because the block list is made by the rate-limiting composition from the stores made here:
 * {@link #create} → {@code new RateLimiting(..., limiterStore(), loginCounter())} →
 * {@link #share} → {@link #start}.
 */
public final class Cluster implements AutoCloseable {

    private final RedisLink link;
    private final ClusterLimiterStore limiterStore;
    private final ClusterLoginCounter loginCounter;
    private ClusterBlocks blocks;

    private Cluster(RedisLink link, ClusterLimiterStore limiterStore, ClusterLoginCounter loginCounter) {
        this.link = link;
        this.limiterStore = limiterStore;
        this.loginCounter = loginCounter;
    }

    /** Null without {@code redis.url}. */
    public static Cluster create(WardenConfig config, InstantSource clock, Ticker ticker, EventSink events,
                                 EventFactory eventFactory) {
        if (!config.redis().enabled()) {
            return null;
        }
        RedisLink link = new RedisLink(config.redis(), events, eventFactory, clock);
        long maxKeys = config.rateLimit().maxTrackedKeys();
        ClusterLimiterStore store = new ClusterLimiterStore(link, maxKeys, ticker,
                config.redis().rateLimitFailure() == RedisFailureMode.CLOSED);
        link.add(store);
        return new Cluster(link, store, new ClusterLoginCounter(link, maxKeys, config.blocking().failedLoginWindow(),
                ticker));
    }

    public LimiterStore limiterStore() {
        return limiterStore;
    }

    public KeyCounter loginCounter() {
        return loginCounter;
    }

    /** Shares the block list and wraps the local revocation list; answers the shared one. */
    public RevocationList share(BlockList blockList, RevocationList localRevocations, InstantSource clock) {
        this.blocks = new ClusterBlocks(link, blockList, JsonMappers.standard(), clock);
        link.add(blocks);
        ClusterRevocations revocations = new ClusterRevocations(link, localRevocations, clock);
        link.add(revocations);
        return revocations;
    }

    /** Connects (waiting briefly for the first attempt) and starts the background work. */
    public void start() {
        link.start();
    }

    public RedisLink link() {
        return link;
    }

    public ComponentHealth health() {
        ComponentHealth h = link.health();
        if (blocks != null && blocks.unshared() > 0) {
            return new ComponentHealth(h.status(), h.detail() + "; " + blocks.unshared()
                    + " block changes waiting to be shared");
        }
        return h;
    }

    @Override
    public void close() {
        link.close();
    }
}
