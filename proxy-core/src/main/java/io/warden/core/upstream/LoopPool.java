package io.warden.core.upstream;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

/** The pool of one event loop; every method runs on that loop, so nothing here is synchronised. */
final class LoopPool {

    private static final long SWEEP_MILLIS = 1000;

    private final EventLoop loop;
    private final UpstreamConnector connector;
    private final int max;
    private final int maxPending;
    private final long acquireTimeoutNanos;
    private final long idleTimeoutNanos;
    private final ArrayDeque<UpstreamConnection> idle = new ArrayDeque<>();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private volatile int open;
    private ScheduledFuture<?> sweeper;
    private boolean closed;

    LoopPool(EventLoop loop, UpstreamConnector connector, int max, int maxPending, long acquireTimeoutNanos,
             long idleTimeoutNanos) {
        this.loop = loop;
        this.connector = connector;
        this.max = max;
        this.maxPending = maxPending;
        this.acquireTimeoutNanos = acquireTimeoutNanos;
        this.idleTimeoutNanos = idleTimeoutNanos;
    }

    void start() {
        sweeper = loop.scheduleAtFixedRate(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    int open() {
        return open;
    }

    void acquire(AcquireCallback callback) {
        if (closed) {
            callback.failed(new PoolExhaustedException("upstream pool is closed"));
            return;
        }
        UpstreamConnection connection;
        while ((connection = idle.pollLast()) != null) {
            if (connection.channel().isActive()) {
                callback.acquired(connection);
                return;
            }
        }
        if (open < max) {
            connect(callback);
            return;
        }
        if (waiters.size() >= maxPending) {
            callback.failed(new PoolExhaustedException("all upstream connections busy"));
            return;
        }
        Waiter waiter = new Waiter(callback);
        waiter.timeout = loop.schedule(() -> {
            if (waiters.remove(waiter)) {
                callback.failed(new PoolExhaustedException("timed out waiting for an upstream connection"));
            }
        }, acquireTimeoutNanos, TimeUnit.NANOSECONDS);
        waiters.addLast(waiter);
    }

    void release(UpstreamConnection connection, boolean reusable) {
        if (!reusable || closed || !connection.channel().isActive()) {
            connection.detach(System.nanoTime());
            connection.channel().close();
            return;
        }
        connection.detach(System.nanoTime());
        if (!connection.channel().config().isAutoRead()) {
            connection.channel().config().setAutoRead(true);
        }
        Waiter waiter = waiters.pollFirst();
        if (waiter != null) {
            waiter.timeout.cancel(false);
            waiter.callback.acquired(connection);
            return;
        }
        idle.addLast(connection);
    }

    private void connect(AcquireCallback callback) {
        open++;
        Promise<UpstreamConnection> ready = loop.newPromise();
        ready.addListener((Future<UpstreamConnection> f) -> {
            if (f.isSuccess()) {
                UpstreamConnection connection = f.getNow();
                connection.channel().closeFuture().addListener(c -> onClosed(connection));
                callback.acquired(connection);
            } else {
                open--;
                callback.failed(f.cause());
                serveWaiter();
            }
        });
        connector.connect(loop, ready);
    }

    private void onClosed(UpstreamConnection connection) {
        open--;
        idle.remove(connection);
        serveWaiter();
    }

    /** A slot came free: open a connection for the longest waiter. */
    private void serveWaiter() {
        if (closed || open >= max) {
            return;
        }
        Waiter waiter = waiters.pollFirst();
        if (waiter != null) {
            waiter.timeout.cancel(false);
            connect(waiter.callback);
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        Iterator<UpstreamConnection> it = idle.iterator();
        while (it.hasNext()) {
            UpstreamConnection connection = it.next();
            if (now - connection.idleSinceNanos() >= idleTimeoutNanos || !connection.channel().isActive()) {
                it.remove();
                connection.channel().close();
            }
        }
    }

    void close() {
        loop.execute(() -> {
            closed = true;
            if (sweeper != null) {
                sweeper.cancel(false);
            }
            UpstreamConnection connection;
            while ((connection = idle.pollFirst()) != null) {
                connection.channel().close();
            }
            Waiter waiter;
            while ((waiter = waiters.pollFirst()) != null) {
                waiter.timeout.cancel(false);
                waiter.callback.failed(new PoolExhaustedException("upstream pool is closed"));
            }
        });
    }

    private static final class Waiter {
        final AcquireCallback callback;
        ScheduledFuture<?> timeout;

        Waiter(AcquireCallback callback) {
            this.callback = callback;
        }
    }
}
