package io.warden.core.server;

import io.warden.rules.auth.jwt.InMemoryRevocationList;
import io.warden.rules.auth.jwt.RevocationList;
import io.warden.rules.config.WardenConfig;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventSink;
import io.warden.rules.ratelimit.RateLimiting;
import io.warden.rules.time.Ticker;
import io.warden.rules.websocket.WebSocketLimits;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What outlives a configuration reload: limiter counters and blocks, open WebSocket connections
 * per address and users' message quotas, revoked tokens, the event stream and the clocks. A
 * reload builds a new policy around the same state, so nothing an attacker has earned (a block, a
 * spent quota) is forgotten by editing a file.
 */
public record SharedState(
        RateLimiting rateLimiting,
        WebSocketLimits webSockets,
        RevocationList revocations,
        EventSink events,
        EventFactory eventFactory,
        Clock clock,
        Ticker ticker) {

    /** The state a configuration starts with: empty counters, no blocks, no revocations. */
    public static SharedState create(WardenConfig config, Clock clock, Ticker ticker, EventSink events,
                                     EventFactory eventFactory) {
        RateLimiting rateLimiting = new RateLimiting(config.rateLimit(), config.blocking(), config.auth().loginPaths(),
                config.auth().maxFailedLogins(), ticker, clock, () -> ThreadLocalRandom.current().nextDouble(),
                eventFactory, events);
        WebSocketLimits webSockets = new WebSocketLimits(rateLimiting.escalation(), rateLimiting.keys(),
                rateLimiting.allowList(), config.rateLimit().maxTrackedKeys(), ticker);
        return new SharedState(rateLimiting, webSockets,
                new InMemoryRevocationList(config.auth().maxRevokedTokens(), clock, ticker), events, eventFactory,
                clock, ticker);
    }
}
