package io.warden.core.cluster;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lettuce.core.ScriptOutputType;
import io.warden.rules.ratelimit.Gcra;
import io.warden.rules.ratelimit.GcraRule;
import io.warden.rules.ratelimit.LimiterStore;
import io.warden.rules.ratelimit.RateLimitProbe;
import io.warden.rules.time.Ticker;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rate-limit state shared by every instance, decided locally and merged through Redis every
 * {@code redis.syncInterval} (20 ms by default), so a request never waits on the network.
 *
 * <p>Each key has a local GCRA cell (the theoretical arrival time, TAT) holding the fleet's view as
 * of the last merge plus this instance's admissions since. A merge sends, in one script call for
 * all keys touched, the units each key admitted here; Redis adds them to the shared TAT (on its
 * own clock, capped at two tolerances of debt) and answers how far ahead of now that TAT runs,
 * which becomes the local view. What other instances admitted within the last interval is not seen
 * yet, so the fleet can overshoot by at most about (instances - 1) x rate x interval; that overshoot
 * is charged to the shared TAT as debt and paid back right after, so the long-run rate holds.
 *
 * <p>A key other instances charged too since the previous merge (a client spread over instances) is
 * decided on this instance's share of the rate (the limit divided by the live instances), so
 * between merges the instances together take at most what was free, and the overshoot above stays
 * small even when merges are late; a key only this instance sees keeps the whole limit and burst.
 * A key not merged yet (first seen, or after Redis returned) and every key while Redis is lost are
 * limited to the same share. With
 * {@code redis.rateLimitFailure: closed}, requests are refused instead while Redis is lost.
 */
public final class ClusterLimiterStore implements LimiterStore, RedisLink.Member {

    /** KEYS: limiter keys; ARGV: per key the units admitted, interval and tolerance in µs. */
    static final String MERGE = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local out = {}
            for i, key in ipairs(KEYS) do
              local delta = tonumber(ARGV[3 * i - 2])
              local interval = tonumber(ARGV[3 * i - 1])
              local tolerance = tonumber(ARGV[3 * i])
              local tat = tonumber(redis.call('GET', key) or '0')
              if tat < now then tat = now end
              if delta > 0 then
                tat = math.min(tat + delta * interval, now + 2 * tolerance)
                redis.call('SET', key, string.format('%.0f', tat), 'PX', math.floor((tat - now) / 1000) + 1000)
              end
              out[i] = tat - now
            end
            return out
            """;
    private static final int MAX_KEYS_PER_CALL = 256;

    private static final class Cell {
        final AtomicLong tat = new AtomicLong(Gcra.EMPTY);
        final AtomicLong pending = new AtomicLong();
        volatile GcraRule rule;
        volatile int mergedEpoch = -1;
        /** Another instance charged this key since the previous merge: take only a share of what is free. */
        volatile boolean contended;
        /** The shared TAT's lead over now at the previous merge, and when that was (local nanos). */
        long lastAhead;
        long lastMerge;
    }

    private final RedisLink link;
    private final Ticker ticker;
    private final boolean failClosed;
    private final Cache<String, Cell> cells;
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final String prefix;
    private volatile int epoch;

    public ClusterLimiterStore(RedisLink link, long maximumKeys, Ticker ticker, boolean failClosed) {
        this.link = link;
        this.ticker = ticker;
        this.failClosed = failClosed;
        this.prefix = link.key("rl:");
        this.cells = Caffeine.newBuilder().maximumSize(maximumKeys).executor(Runnable::run).build();
    }

    @Override
    public RateLimitProbe acquire(String key, GcraRule rule, long cost, long now) {
        return update(key, rule, cost, now, false);
    }

    @Override
    public RateLimitProbe charge(String key, GcraRule rule, long cost, long now) {
        return update(key, rule, cost, now, true);
    }

    private RateLimitProbe update(String key, GcraRule rule, long cost, long now, boolean force) {
        boolean shared = link.up();
        if (!shared && failClosed) {
            return RateLimitProbe.unavailable(rule.limit(), TimeUnit.SECONDS.toNanos(1));
        }
        Cell cell = cells.get(key, k -> new Cell());
        cell.rule = rule;
        boolean merged = shared && cell.mergedEpoch == epoch;
        GcraRule effective = merged && !cell.contended ? rule : share(rule, link.liveInstances());
        while (true) {
            long stored = cell.tat.get();
            long next = Gcra.advance(effective, stored, now, cost, force);
            if (next == Gcra.DENIED) {
                if (shared && !merged) {
                    dirty.add(key);
                }
                return Gcra.denied(effective, stored, now, cost);
            }
            if (next == stored || cell.tat.compareAndSet(stored, next)) {
                if (shared && (cell.pending.addAndGet(cost) == cost || !merged)) {
                    dirty.add(key);
                }
                return Gcra.allowed(effective, next, now);
            }
        }
    }

    /** This instance's part of a rule: the rate divided by {@code instances}, the tolerance in time kept. */
    static GcraRule share(GcraRule rule, int instances) {
        if (instances <= 1) {
            return rule;
        }
        long interval = rule.intervalNanos() * instances;
        return new GcraRule(interval, Math.max(interval, rule.toleranceNanos()),
                Math.max(1, rule.limit() / instances), rule.windowSeconds());
    }

    @Override
    public void joined(RedisLink link) {
        epoch++;
        dirty.clear();
        for (Cell c : cells.asMap().values()) {
            c.pending.set(0);
        }
    }

    @Override
    public void sync(RedisLink link) {
        if (dirty.isEmpty()) {
            return;
        }
        int syncEpoch = epoch;
        List<String> keys = new ArrayList<>();
        List<Cell> batch = new ArrayList<>();
        List<String> args = new ArrayList<>();
        Iterator<String> it = dirty.iterator();
        while (it.hasNext()) {
            String key = it.next();
            it.remove();
            Cell cell = cells.getIfPresent(key);
            if (cell == null || cell.rule == null) {
                continue;
            }
            GcraRule rule = cell.rule;
            keys.add(prefix + key);
            batch.add(cell);
            args.add(Long.toString(cell.pending.getAndSet(0)));
            args.add(Long.toString(Math.max(1, rule.intervalNanos() / 1000)));
            args.add(Long.toString(Math.max(1, rule.toleranceNanos() / 1000)));
            if (keys.size() == MAX_KEYS_PER_CALL || !it.hasNext()) {
                send(keys.toArray(String[]::new), List.copyOf(batch), args.toArray(String[]::new), syncEpoch);
                keys.clear();
                batch.clear();
                args.clear();
            }
        }
    }

    private void send(String[] keys, List<Cell> batch, String[] args, int syncEpoch) {
        link.<List<Long>>eval(MERGE, ScriptOutputType.MULTI, keys, args).thenAccept(aheadMicros -> {
            if (syncEpoch != epoch) {
                return;
            }
            long now = ticker.nanos();
            for (int i = 0; i < batch.size() && i < aheadMicros.size(); i++) {
                Cell cell = batch.get(i);
                GcraRule rule = cell.rule;
                long ahead = aheadMicros.get(i) * 1000;
                long sent = Long.parseLong(args[3 * i]) * rule.intervalNanos();
                if (cell.mergedEpoch == syncEpoch) {
                    // what the shared TAT would lead by had only this instance charged it since
                    long alone = Math.max(0, cell.lastAhead - (now - cell.lastMerge)) + sent;
                    cell.contended = ahead > alone + rule.intervalNanos();
                }
                cell.lastAhead = ahead;
                cell.lastMerge = now;
                cell.tat.set(now + ahead + cell.pending.get() * rule.intervalNanos());
                cell.mergedEpoch = syncEpoch;
            }
        });
    }

    @Override
    public long estimatedSize() {
        return cells.estimatedSize();
    }

    @Override
    public void cleanUp() {
        cells.cleanUp();
    }
}
