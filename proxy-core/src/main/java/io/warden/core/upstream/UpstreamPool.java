package io.warden.core.upstream;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keep-alive connections to the upstream, one small pool per event loop so a connection is always
 * used on the loop that owns the client: no locks, no hand-off between threads. The configured
 * totals are split evenly across loops.
 */
public final class UpstreamPool {

    private final Map<EventExecutor, LoopPool> pools;

    public UpstreamPool(EventLoopGroup group, UpstreamConnector connector, int maxConnections, int maxPending,
                        Duration acquireTimeout, Duration idleTimeout) {
        List<EventExecutor> loops = new ArrayList<>();
        group.forEach(loops::add);
        int perLoop = Math.max(1, ceilDiv(maxConnections, loops.size()));
        int pendingPerLoop = ceilDiv(maxPending, loops.size());
        Map<EventExecutor, LoopPool> byLoop = new IdentityHashMap<>();
        for (EventExecutor loop : loops) {
            byLoop.put(loop, new LoopPool((EventLoop) loop, connector, perLoop, pendingPerLoop,
                    acquireTimeout.toNanos(), idleTimeout.toNanos()));
        }
        this.pools = byLoop;
        byLoop.values().forEach(LoopPool::start);
    }

    /** Must be called on {@code loop}; the callback runs on it too. */
    public void acquire(EventLoop loop, AcquireCallback callback) {
        pools.get(loop).acquire(callback);
    }

    /**
     * Gives a connection back. {@code reusable} only when its last exchange ended cleanly on both
     * sides; anything else is closed, since a half-read response would poison the next one.
     */
    public void release(UpstreamConnection connection, boolean reusable) {
        LoopPool pool = pools.get(connection.channel().eventLoop());
        pool.release(connection, reusable);
    }

    /** Connections open now, in use or idle, across loops (approximate: read from any thread). */
    public int openConnections() {
        int total = 0;
        for (LoopPool pool : pools.values()) {
            total += pool.open();
        }
        return total;
    }

    /** Closes idle connections and stops the sweepers; in-use ones close with their exchanges. */
    public void close() {
        pools.values().forEach(LoopPool::close);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
