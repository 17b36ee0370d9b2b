package io.warden.rules.ratelimit.block;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.net.CidrSet;
import io.warden.rules.net.ClientAddress;
import io.warden.rules.ratelimit.ClientKeys;
import io.warden.rules.time.Ticker;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/**
 * The addresses Warden refuses, automatic and manual, keyed like the limiter (IPv6 by network).
 * Blocks end on wall-clock time, so a snapshot taken before a restart means the same after it. An
 * expired block is released by whoever first observes it ({@link #release}, {@link #sweep}), which
 * reports it exactly once; until then it still counts towards {@code maxEntries}, so core should
 * sweep now and then. Allow-listed addresses are never blocked.
 *
 * <p>Thread-safe; lookups are one map read.
 */
public final class BlockList {

    /**
     * Hears of this instance's own block changes (not of {@link #adopt}ed ones), to share them with
     * other instances. Called on the thread that made the change; must not block.
     */
    public interface Listener {

        void blocked(BlockRecord record);

        void unblocked(String key);
    }

    private final ConcurrentHashMap<String, BlockRecord> blocks = new ConcurrentHashMap<>();
    private final Cache<String, Integer> offences;
    private final BlockDurations durations;
    private final ClientKeys keys;
    private final CidrSet allowList;
    private final InstantSource clock;
    private final DoubleSupplier random;
    private final EventFactory events;
    private final int maxEntries;
    private final AtomicLong notStored = new AtomicLong();
    private volatile Listener listener;

    /**
     * @param offenceMemory how long past blocks lengthen the next one
     * @param random values in [0, 1) for the jitter of repeated blocks
     */
    public BlockList(BlockDurations durations, ClientKeys keys, CidrSet allowList, int maxEntries,
                     Duration offenceMemory, InstantSource clock, Ticker ticker, DoubleSupplier random,
                     EventFactory events) {
        this.durations = Objects.requireNonNull(durations, "durations");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.allowList = Objects.requireNonNull(allowList, "allowList");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.events = Objects.requireNonNull(events, "events");
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be positive, got " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.offences = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterWrite(offenceMemory)
                .ticker(ticker::nanos)
                .executor(Runnable::run)
                .build();
    }

    /**
     * The fast path for the connection guard at accept time: is this peer refused right now?
     * Answers false at once while nothing is blocked.
     */
    public boolean isBlocked(byte[] address) {
        if (blocks.isEmpty() || allowList.contains(address)) {
            return false;
        }
        BlockRecord r = blocks.get(keys.addressKey(address));
        return r != null && r.activeAt(clock.millis());
    }

    /** {@link #isBlocked(byte[])} for an IP literal; false for text that is not one. */
    public boolean isBlocked(String address) {
        byte[] bytes = io.warden.rules.net.IpAddresses.toBytes(address);
        return bytes != null && isBlocked(bytes);
    }

    /** The block held for this client, active or expired but not yet released; null when none. */
    public BlockRecord find(ClientAddress client) {
        if (blocks.isEmpty() || allowList.contains(client.address())) {
            return null;
        }
        return blocks.get(keys.addressKey(client));
    }

    /** Releases an expired block; true for exactly one caller, who reports the unblock. */
    public boolean release(BlockRecord expired) {
        return !expired.activeAt(clock.millis()) && blocks.remove(expired.address(), expired);
    }

    /**
     * Blocks the client for its next offence's duration (progressive), unless it is allow-listed or
     * already blocked.
     */
    public BlockResult blockAutomatically(ClientAddress client, String reason, ThreatLevel level) {
        if (allowList.contains(client.address())) {
            return new BlockResult(null, BlockResult.Outcome.ALLOWED);
        }
        String key = keys.addressKey(client);
        long now = clock.millis();
        BlockRecord current = blocks.get(key);
        if (current != null && current.activeAt(now)) {
            return new BlockResult(current, BlockResult.Outcome.ALREADY_BLOCKED);
        }
        int offence = offences.asMap().merge(key, 1, Integer::sum);
        Duration duration = durations.forOffence(offence, random.getAsDouble());
        ThreatLevel byOffence = offence >= 3 ? ThreatLevel.CRITICAL : offence == 2 ? ThreatLevel.HIGH : ThreatLevel.MEDIUM;
        BlockRecord fresh = new BlockRecord(key, Instant.ofEpochMilli(now), Instant.ofEpochMilli(now).plus(duration),
                reason, offence, false, level.atLeast(byOffence) ? level : byOffence);
        if (current == null && blocks.size() >= maxEntries) {
            notStored.incrementAndGet();
            return new BlockResult(fresh, BlockResult.Outcome.NOT_STORED);
        }
        BlockRecord won = blocks.compute(key, (k, old) -> old != null && old.activeAt(now) ? old : fresh);
        if (won != fresh) {
            return new BlockResult(won, BlockResult.Outcome.ALREADY_BLOCKED);
        }
        notifyBlocked(fresh);
        return new BlockResult(fresh, BlockResult.Outcome.BLOCKED);
    }

    /**
     * An operator's block (admin API {@code block_ip}): replaces any block of that address. An IPv6
     * address blocks its whole network, like automatic blocks.
     *
     * @throws IllegalArgumentException when {@code address} is not an IP literal or the duration is not positive
     */
    public BlockRecord block(String address, Duration duration, String reason) {
        String key = keys.addressKey(address);
        if (key == null) {
            throw new IllegalArgumentException("not an IP address: '" + address + "'");
        }
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a block needs a positive duration, got " + duration);
        }
        Instant now = Instant.ofEpochMilli(clock.millis());
        Integer past = offences.getIfPresent(key);
        BlockRecord record = new BlockRecord(key, now, now.plus(duration),
                reason == null || reason.isBlank() ? "blocked by an operator" : reason,
                past == null ? 0 : past, true, ThreatLevel.HIGH);
        blocks.put(key, record);
        notifyBlocked(record);
        return record;
    }

    /** An operator's unblock ({@code unblock_ip}): lifts the block and forgets past offences. */
    public Optional<BlockRecord> unblock(String address) {
        String key = keys.addressKey(address);
        if (key == null) {
            throw new IllegalArgumentException("not an IP address: '" + address + "'");
        }
        offences.invalidate(key);
        Optional<BlockRecord> lifted = Optional.ofNullable(blocks.remove(key));
        Listener l = listener;
        if (l != null) {
            l.unblocked(key);
        }
        return lifted;
    }

    /** Sets the one listener of own changes (cluster mode), or null for none. */
    public void listen(Listener newListener) {
        this.listener = newListener;
    }

    /**
     * Takes a block made elsewhere (another instance): kept unless it has ended, its key does not
     * parse, the address is allow-listed, or a block held here lasts longer. Not reported to the
     * listener.
     *
     * @return whether the block was taken
     */
    public boolean adopt(BlockRecord r) {
        if (r == null || !r.activeAt(clock.millis()) || !validKey(r.address()) || allowListed(r.address())) {
            return false;
        }
        BlockRecord won = blocks.merge(r.address(), r, (old, fresh) ->
                old.activeAt(clock.millis()) && !old.until().isBefore(fresh.until()) ? old : fresh);
        if (won == r && r.offences() > 0) {
            offences.asMap().merge(r.address(), r.offences(), Math::max);
        }
        return won == r;
    }

    /** Lifts a block another instance lifted; not reported to the listener. */
    public Optional<BlockRecord> drop(String key) {
        if (key == null) {
            return Optional.empty();
        }
        offences.invalidate(key);
        return Optional.ofNullable(blocks.remove(key));
    }

    private void notifyBlocked(BlockRecord record) {
        Listener l = listener;
        if (l != null) {
            l.blocked(record);
        }
    }

    private boolean allowListed(String key) {
        int slash = key.indexOf('/');
        byte[] bytes = io.warden.rules.net.IpAddresses.toBytes(slash < 0 ? key : key.substring(0, slash));
        return bytes == null || allowList.contains(bytes);
    }

    /** Blocks in force now, soonest to end first. */
    public List<BlockRecord> active() {
        long now = clock.millis();
        List<BlockRecord> out = new ArrayList<>();
        for (BlockRecord r : blocks.values()) {
            if (r.activeAt(now)) {
                out.add(r);
            }
        }
        out.sort(Comparator.comparing(BlockRecord::until));
        return out;
    }

    public BlockSnapshot snapshot() {
        return new BlockSnapshot(BlockSnapshot.CURRENT_VERSION, active());
    }

    /**
     * Loads blocks saved before a restart; ones that ended meanwhile or whose address does not parse
     * are dropped. Blocks already held win over saved ones.
     *
     * @return how many blocks were restored
     */
    public int restore(BlockSnapshot snapshot) {
        long now = clock.millis();
        int restored = 0;
        for (BlockRecord r : snapshot.blocks()) {
            if (r == null || !r.activeAt(now) || !validKey(r.address())) {
                continue;
            }
            if (blocks.putIfAbsent(r.address(), r) == null) {
                restored++;
                if (r.offences() > 0) {
                    offences.asMap().merge(r.address(), r.offences(), Math::max);
                }
            }
        }
        return restored;
    }

    /**
     * Releases every expired block and reports each as {@code IP_UNBLOCKED}; core calls it now and
     * then (e.g. each minute), so blocks of addresses that never return are reported and freed too.
     */
    public List<SecurityEvent> sweep() {
        List<SecurityEvent> released = new ArrayList<>();
        long now = clock.millis();
        for (BlockRecord r : blocks.values()) {
            if (!r.activeAt(now) && blocks.remove(r.address(), r)) {
                released.add(events.create(EventType.IP_UNBLOCKED, ThreatLevel.LOW, null, null, null, details(r)));
            }
        }
        return released;
    }

    /** The facts of a block for its events: key, reason, offences, origin and end. */
    public static Map<String, Object> details(BlockRecord r) {
        return Map.of("key", r.address(), "reason", r.reason(), "offences", r.offences(), "manual", r.manual(),
                "until", r.until().toString());
    }

    public int size() {
        return blocks.size();
    }

    /** Automatic blocks answered but not kept because the list was full; a metric worth alerting on. */
    public long notStored() {
        return notStored.get();
    }

    private boolean validKey(String key) {
        int slash = key.indexOf('/');
        String address = slash < 0 ? key : key.substring(0, slash);
        return key.equals(keys.addressKey(address));
    }
}
