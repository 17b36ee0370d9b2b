package io.warden.core.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.ScriptOutputType;
import io.warden.rules.ratelimit.block.BlockList;
import io.warden.rules.ratelimit.block.BlockRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The block list shared by every instance. Every block and unblock made here (automatic, by the
 * threat tracker or by an operator) is stored in the Redis hash {@code <prefix>blocks} and
 * published on the channel of the same name; every instance adopts what the others publish, so a
 * new block holds fleet-wide within a round trip (well under a second). Changes made while Redis
 * was lost are kept and re-published when it returns; on (re)joining, the stored blocks are loaded,
 * and a Redis found empty (restarted without persistence) is given every block held here.
 */
public final class ClusterBlocks implements BlockList.Listener, RedisLink.Member {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterBlocks.class);
    /** How often ended blocks are removed from the shared hash (by whichever instance gets there). */
    private static final long CLEAN_EVERY_MILLIS = 60_000;
    private static final String DELETE_IF_UNCHANGED = """
            if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
              return redis.call('HDEL', KEYS[1], ARGV[1])
            end
            return 0
            """;

    /** What goes over the channel; {@code record} is null for an unblock. */
    record Change(@JsonProperty("origin") String origin, @JsonProperty("key") String key,
                  @JsonProperty("record") BlockRecord record) {
    }

    private final RedisLink link;
    private final BlockList blocks;
    private final ObjectMapper json;
    private final InstantSource clock;
    private final String hash;
    /** Own changes not yet in Redis: key to the block, or empty for an unblock. */
    private final Map<String, Optional<BlockRecord>> unshared = new ConcurrentHashMap<>();
    private long lastClean;

    public ClusterBlocks(RedisLink link, BlockList blocks, ObjectMapper json, InstantSource clock) {
        this.link = link;
        this.blocks = blocks;
        this.json = json;
        this.clock = clock;
        this.hash = link.key("blocks");
        link.subscribe(hash, this::onMessage);
        blocks.listen(this);
    }

    @Override
    public void blocked(BlockRecord record) {
        share(record.address(), Optional.of(record));
    }

    @Override
    public void unblocked(String key) {
        share(key, Optional.empty());
    }

    /** Changes made here that Redis has not taken yet (while it is lost). */
    public int unshared() {
        return unshared.size();
    }

    private void share(String key, Optional<BlockRecord> change) {
        if (!link.up()) {
            unshared.put(key, change);
            return;
        }
        String message;
        String stored;
        try {
            message = json.writeValueAsString(new Change(link.instanceId(), key, change.orElse(null)));
            stored = change.isPresent() ? json.writeValueAsString(change.get()) : null;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        (stored != null ? link.call(c -> c.hset(hash, key, stored)) : link.call(c -> c.hdel(hash, key)))
                .thenCompose(v -> link.call(c -> c.publish(hash, message)))
                .whenComplete((v, e) -> {
                    if (e != null) {
                        unshared.merge(key, change, (old, fresh) -> fresh);
                    }
                });
    }

    private void onMessage(String message) throws IllegalArgumentException {
        Change change;
        try {
            change = json.readValue(message, Change.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a block change: " + e.getOriginalMessage());
        }
        if (link.instanceId().equals(change.origin())) {
            return;
        }
        if (change.record() != null) {
            blocks.adopt(change.record());
        } else {
            blocks.drop(change.key());
        }
    }

    /** Now and then drops ended blocks from the shared hash, so it holds only what is in force. */
    @Override
    public void sync(RedisLink link) {
        long now = clock.millis();
        if (now - lastClean < CLEAN_EVERY_MILLIS) {
            return;
        }
        lastClean = now;
        link.call(c -> c.hgetall(hash)).thenAccept(stored -> stored.forEach((key, value) -> {
            boolean ended;
            try {
                ended = !json.readValue(value, BlockRecord.class).activeAt(now);
            } catch (JsonProcessingException e) {
                ended = true;
            }
            if (ended) {
                // only if unchanged: another instance may have just blocked the address again
                link.<Long>eval(DELETE_IF_UNCHANGED, ScriptOutputType.INTEGER, new String[] {hash}, key, value);
            }
        }));
    }

    @Override
    public void joined(RedisLink link) throws Exception {
        lastClean = clock.millis();
        Map<String, String> stored = link.await(link.call(c -> c.hgetall(hash)));
        long now = clock.millis();
        int adopted = 0;
        for (Map.Entry<String, String> e : stored.entrySet()) {
            if (unshared.containsKey(e.getKey())) {
                continue;
            }
            try {
                BlockRecord r = json.readValue(e.getValue(), BlockRecord.class);
                if (!r.activeAt(now)) {
                    link.call(c -> c.hdel(hash, e.getKey()));
                } else if (blocks.adopt(r)) {
                    adopted++;
                }
            } catch (JsonProcessingException ex) {
                LOG.warn("dropping an unreadable shared block for {}", e.getKey());
                link.call(c -> c.hdel(hash, e.getKey()));
            }
        }
        int republished = 0;
        if (stored.isEmpty()) {
            // a Redis that lost its data (restarted without persistence): give it back what is held here
            for (BlockRecord r : blocks.active()) {
                unshared.putIfAbsent(r.address(), Optional.of(r));
            }
        }
        for (Map.Entry<String, Optional<BlockRecord>> e : Map.copyOf(unshared).entrySet()) {
            unshared.remove(e.getKey(), e.getValue());
            if (e.getValue().isPresent() && !e.getValue().get().activeAt(now)) {
                continue;
            }
            share(e.getKey(), e.getValue());
            republished++;
        }
        if (adopted > 0 || republished > 0) {
            LOG.info("shared block list joined: {} blocks adopted, {} own changes re-published", adopted,
                    republished);
        }
    }
}
