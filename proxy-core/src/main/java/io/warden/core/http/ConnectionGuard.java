package io.warden.core.http;

import io.netty.channel.Channel;
import io.warden.rules.config.ServerConfig;
import io.warden.rules.events.EventType;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.ratelimit.ClientKeys;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Admits a new client connection or closes it at once: at most {@code server.maxConnections} open
 * across all listeners and {@code server.maxConnectionsPerAddress} from one peer address. It runs
 * before TLS and before any byte is read, so a flood costs a file descriptor for a moment and
 * nothing else. Shared by every listener; safe from any event loop.
 *
 * <p>An IPv6 peer counts by its network ({@code rateLimit.ipv6Prefix}, /64 by default), as for rate
 * limits: one customer owns a whole /64 and could otherwise spread a flood over 2^64 addresses.
 * The per-address map holds an entry only while that address has a connection open, so it is
 * bounded by the global cap.
 */
public final class ConnectionGuard {

    /** Why a connection was refused. */
    public enum Refusal { TOO_MANY_CONNECTIONS, TOO_MANY_FROM_ADDRESS }

    /** Refusal events per second at most: a flood must not flood the event log as well. */
    static final int EVENTS_PER_SECOND = 10;
    private static final long SECOND = 1_000_000_000L;

    private final LongSupplier nanoTime;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final AtomicLong windowStart;
    private final AtomicInteger eventsInWindow = new AtomicInteger();
    private final AtomicLong suppressed = new AtomicLong();

    public ConnectionGuard() {
        this(System::nanoTime);
    }

    ConnectionGuard(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.windowStart = new AtomicLong(nanoTime.getAsLong());
    }

    /**
     * Counts {@code ch} in and arranges for it to be counted out when it closes, or closes it and
     * says why. Called once per accepted connection, before its pipeline is built.
     */
    boolean admit(Channel ch, ProxyServices services) {
        InetAddress peer = ((InetSocketAddress) ch.remoteAddress()).getAddress();
        DataPlanePolicy policy = services.policy().get();
        ServerConfig limits = policy.config().server();
        String key = new ClientKeys(policy.config().rateLimit().ipv6Prefix()).addressKey(peer.getAddress());
        Refusal refusal = tryAcquire(key, policy.clientAddresses().isTrusted(peer), limits.maxConnections(),
                limits.maxConnectionsPerAddress());
        if (refusal != null) {
            services.metrics().connectionRefused(refusal == Refusal.TOO_MANY_CONNECTIONS);
            report(services, peer, refusal, limits);
            ch.close();
            return false;
        }
        ch.closeFuture().addListener(f -> release(key));
        return true;
    }

    /** @return null when admitted (and counted), else why not */
    Refusal tryAcquire(String peer, boolean exempt, int maxConnections, int maxPerAddress) {
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            return Refusal.TOO_MANY_CONNECTIONS;
        }
        AtomicInteger mine = perAddress.compute(peer, (k, n) -> {
            AtomicInteger count = n == null ? new AtomicInteger() : n;
            count.incrementAndGet();
            return count;
        });
        if (!exempt && mine.get() > maxPerAddress) {
            release(peer);
            return Refusal.TOO_MANY_FROM_ADDRESS;
        }
        return null;
    }

    void release(String peer) {
        perAddress.computeIfPresent(peer, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
        open.decrementAndGet();
    }

    private void report(ProxyServices services, InetAddress peer, Refusal refusal, ServerConfig limits) {
        long dropped = allowEvent();
        if (dropped < 0) {
            return;
        }
        boolean global = refusal == Refusal.TOO_MANY_CONNECTIONS;
        services.events().emit(services.eventFactory().create(EventType.CONNECTION_REFUSED,
                global ? ThreatLevel.LOW : ThreatLevel.MEDIUM, peer.getHostAddress(), null, null, Map.of(
                        "reason", global ? "too many connections" : "too many connections from this address",
                        "limit", global ? limits.maxConnections() : limits.maxConnectionsPerAddress(),
                        "suppressed", dropped)));
    }

    /**
     * Whether this refusal may become an event: at most {@value #EVENTS_PER_SECOND} a second.
     *
     * @return the refusals not reported since the last event, or -1 when this one is not reported either
     */
    private long allowEvent() {
        long now = nanoTime.getAsLong();
        long start = windowStart.get();
        if (now - start >= SECOND && windowStart.compareAndSet(start, now)) {
            eventsInWindow.set(0);
        }
        if (eventsInWindow.incrementAndGet() > EVENTS_PER_SECOND) {
            suppressed.incrementAndGet();
            return -1;
        }
        return suppressed.getAndSet(0);
    }

    /** Client connections admitted and still open. */
    public int open() {
        return open.get();
    }

    /** Addresses with at least one connection open. */
    public int addresses() {
        return perAddress.size();
    }
}
