package io.warden.rules.websocket;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Open WebSocket connections per address key, and the counters behind {@link WebSocketStats}.
 * An entry exists only while its address has a connection open, so memory follows open
 * connections, which this very cap bounds. Survives reloads.
 */
public final class WebSocketConnections implements WebSocketStats {

    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final LongAdder relayed = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder violationCloses = new LongAdder();

    /**
     * Counts one more connection from {@code addressKey} if it has fewer than {@code max} open.
     *
     * @return what gives the slot back when the connection ends (once), or null when the address is at its cap
     */
    public AutoCloseable tryOpen(String addressKey, int max) {
        boolean[] admitted = {false};
        open.compute(addressKey, (k, n) -> {
            int current = n == null ? 0 : n;
            if (current >= max) {
                return n;
            }
            admitted[0] = true;
            return current + 1;
        });
        if (!admitted[0]) {
            return null;
        }
        total.incrementAndGet();
        boolean[] released = {false};
        return () -> {
            if (!released[0]) {
                released[0] = true;
                total.decrementAndGet();
                open.computeIfPresent(addressKey, (k, n) -> n <= 1 ? null : n - 1);
            }
        };
    }

    void relayed() {
        relayed.increment();
    }

    void dropped() {
        dropped.increment();
    }

    void closedForViolation() {
        violationCloses.increment();
    }

    @Override
    public int openConnections() {
        return total.get();
    }

    @Override
    public int openConnections(String addressKey) {
        return open.getOrDefault(addressKey, 0);
    }

    @Override
    public List<AddressCount> busiestAddresses(int limit) {
        List<AddressCount> all = new ArrayList<>();
        for (Map.Entry<String, Integer> e : open.entrySet()) {
            all.add(new AddressCount(e.getKey(), e.getValue()));
        }
        all.sort(Comparator.comparingInt(AddressCount::connections).reversed()
                .thenComparing(AddressCount::address));
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }

    @Override
    public long messagesRelayed() {
        return relayed.sum();
    }

    @Override
    public long messagesDropped() {
        return dropped.sum();
    }

    @Override
    public long violationCloses() {
        return violationCloses.sum();
    }
}
