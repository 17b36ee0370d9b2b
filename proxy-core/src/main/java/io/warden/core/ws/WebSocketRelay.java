package io.warden.core.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.concurrent.ScheduledFuture;
import io.warden.rules.websocket.CloseCodes;
import io.warden.rules.websocket.Violation;
import io.warden.rules.websocket.WebSocketPolicy;
import io.warden.rules.websocket.WebSocketSession;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One upgraded connection as Warden manages it beside the proxy's byte relay: the two guards, the
 * keepalive, and closing. Everything runs on the connection's event loop (client and upstream
 * channel share it).
 *
 * <p>When Warden ends a connection, each side gets a close frame that suits it: the side at fault
 * its violation, the other 1001 (its peer went away) or, when the upstream is at fault, the client
 * 1011. The upstream is closed at once; the client is read on until its own close frame comes back
 * (or {@link #LINGER_MILLIS} pass), because closing a socket with unread bytes sends a reset that
 * can destroy the close frame before the client reads it.
 */
final class WebSocketRelay {

    static final long LINGER_MILLIS = 2000;
    static final Violation PEER_GONE = new Violation(CloseCodes.GOING_AWAY, "peer went away");
    static final Violation SHUTDOWN = new Violation(CloseCodes.GOING_AWAY, "server shutting down");
    static final Violation UPSTREAM_ERROR = new Violation(CloseCodes.INTERNAL_ERROR, "upstream protocol error");

    private final Channel client;
    private final Channel upstream;
    private final WebSocketSession session;
    /** What Warden's pings carry, so their pongs can be told from the upstream's and kept from it. */
    private final byte[] pingPayload = new byte[8];

    private ClientFrameGuard clientGuard;
    private UpstreamFrameGuard upstreamGuard;
    private ScheduledFuture<?> keepalive;
    private boolean closing;
    private boolean clientSentClose;
    private boolean upstreamSentClose;

    WebSocketRelay(Channel client, Channel upstream, WebSocketSession session) {
        this.client = client;
        this.upstream = upstream;
        this.session = session;
        ThreadLocalRandom.current().nextBytes(pingPayload);
    }

    void start(ClientFrameGuard clientSide, UpstreamFrameGuard upstreamSide) {
        this.clientGuard = clientSide;
        this.upstreamGuard = upstreamSide;
        long tick = tickNanos(session.policy());
        keepalive = client.eventLoop().scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.NANOSECONDS);
        client.closeFuture().addListener(f -> keepalive.cancel(false));
    }

    /** Often enough for the shortest keepalive deadline, never busier than 20 times a second. */
    static long tickNanos(WebSocketPolicy policy) {
        long shortest = Math.min(policy.pingIntervalNanos(), policy.idleTimeoutNanos());
        if (policy.maxAgeNanos() > 0) {
            shortest = Math.min(shortest, policy.maxAgeNanos());
        }
        return Math.max(50_000_000L, Math.min(1_000_000_000L, shortest / 4));
    }

    private void tick() {
        if (closing) {
            return;
        }
        // once a close frame is under way the connection is ending: no pings, silence runs into the idle timeout
        boolean ending = clientSentClose || upstreamSentClose;
        Violation expired = session.expired();
        if (expired != null) {
            session.onGoingAway(expired);
            close(expired, expired);
        } else if (!ending && session.pingDue()) {
            client.writeAndFlush(Frames.ping(client.alloc(), pingPayload), client.voidPromise());
        }
    }

    /** The client broke a frame rule. */
    void clientViolation(Violation violation) {
        if (!closing) {
            session.onProtocolViolation(violation, true);
            close(violation, PEER_GONE);
        }
    }

    /** The upstream broke a frame rule: the client is not at fault, and is told so. */
    void upstreamViolation(Violation violation) {
        if (!closing) {
            session.onProtocolViolation(violation, false);
            close(UPSTREAM_ERROR, violation);
        }
    }

    /** A client message ended the connection (rate, content, too many violations). */
    void closeForMessage(Violation violation) {
        close(violation, PEER_GONE);
    }

    /** Warden is stopping: both sides are told so. */
    void shutdown() {
        if (!closing) {
            session.onGoingAway(SHUTDOWN);
            close(SHUTDOWN, SHUTDOWN);
        }
    }

    /** A close frame passed from one side towards the other. */
    void closeFrame(boolean fromClient, int code) {
        if (fromClient) {
            clientSentClose = true;
        } else {
            upstreamSentClose = true;
        }
        session.onCloseFrame(fromClient, code);
    }

    /** While Warden closes: the client answered with its close frame, so it has read Warden's. */
    void peerClosed(boolean fromClient) {
        if (fromClient) {
            client.close();
        }
    }

    boolean ownPong(ByteBuf frame, int payloadAt, int length, int mask) {
        if (length != pingPayload.length) {
            return false;
        }
        byte[] payload = new byte[length];
        Frames.unmask(frame, payloadAt, length, mask, payload, 0);
        return Arrays.equals(payload, pingPayload);
    }

    /** The client's connection ended; the upstream hears a 1001 unless a close frame went already. */
    void clientGone() {
        if (!closing && !clientSentClose && upstream.isActive()) {
            upstream.writeAndFlush(Frames.close(upstream.alloc(), PEER_GONE, true), upstream.voidPromise());
        }
        closing = true;
        upstreamGuard.stop();
    }

    /**
     * The upstream's connection ended. Unless Warden is closing (then it did that itself, and the
     * client is being waited for), the client hears a 1001 unless a close frame went already.
     *
     * @return whether the proxy should learn of it
     */
    boolean upstreamGone() {
        if (closing) {
            return false;
        }
        closing = true;
        clientGuard.stop();
        if (!upstreamSentClose && client.isActive()) {
            client.writeAndFlush(Frames.close(client.alloc(), PEER_GONE, false), client.voidPromise());
        }
        return true;
    }

    private void close(Violation toClient, Violation toUpstream) {
        if (closing) {
            return;
        }
        closing = true;
        keepalive.cancel(false);
        upstreamGuard.stop();
        if (upstreamSentClose) {
            upstream.close();
        } else if (upstream.isActive()) {
            upstream.writeAndFlush(Frames.close(upstream.alloc(), toUpstream, true))
                    .addListener(ChannelFutureListener.CLOSE);
        }
        if (!client.isActive()) {
            return;
        }
        if (clientSentClose) {
            client.writeAndFlush(Frames.close(client.alloc(), toClient, false)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        clientGuard.awaitClose();
        client.writeAndFlush(Frames.close(client.alloc(), toClient, false), client.voidPromise());
        if (!client.config().isAutoRead()) {
            client.config().setAutoRead(true);
        }
        ScheduledFuture<?> linger = client.eventLoop().schedule((Runnable) client::close, LINGER_MILLIS,
                TimeUnit.MILLISECONDS);
        client.closeFuture().addListener(f -> linger.cancel(false));
    }
}
