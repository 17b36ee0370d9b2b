package io.warden.rules.websocket;

import io.warden.rules.net.ClientAddress;
import io.warden.rules.net.CidrSet;
import io.warden.rules.pipeline.Identity;
import io.warden.rules.ratelimit.CaffeineLimiterStore;
import io.warden.rules.ratelimit.ClientKeys;
import io.warden.rules.ratelimit.GcraRule;
import io.warden.rules.ratelimit.RateLimitProbe;
import io.warden.rules.ratelimit.RateLimiter;
import io.warden.rules.ratelimit.block.Escalation;
import io.warden.rules.time.Ticker;

import java.util.Objects;

/**
 * The WebSocket state that outlives a configuration reload and is shared by every connection:
 * open connections per address, each user's message quota across connections, and the escalation
 * that turns repeated violations into a block of the address (the same one HTTP violations feed).
 */
public final class WebSocketLimits {

    private final WebSocketConnections connections = new WebSocketConnections();
    private final RateLimiter userMessages;
    private final Escalation escalation;
    private final ClientKeys keys;
    private final CidrSet allowList;

    /** @param maxTrackedUsers the most users whose message quota is kept (evicted ones start afresh) */
    public WebSocketLimits(Escalation escalation, ClientKeys keys, CidrSet allowList, long maxTrackedUsers,
                           Ticker ticker) {
        this.escalation = Objects.requireNonNull(escalation, "escalation");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.allowList = Objects.requireNonNull(allowList, "allowList");
        this.userMessages = new RateLimiter(new CaffeineLimiterStore(maxTrackedUsers), ticker);
    }

    WebSocketConnections connections() {
        return connections;
    }

    /** What admin and metrics read. */
    public WebSocketStats stats() {
        return connections;
    }

    String addressKey(ClientAddress client) {
        return keys.addressKey(client);
    }

    /** Allow-listed addresses are never limited (they are still checked for content and protocol). */
    boolean exempt(ClientAddress client) {
        return allowList.contains(client.address());
    }

    RateLimitProbe userMessage(Identity user, GcraRule rule) {
        return userMessages.tryAcquire("ws|" + ClientKeys.userKey(user), rule);
    }

    Escalation escalation() {
        return escalation;
    }
}
