package io.warden.core.server;

import io.warden.core.auth.TokenServiceFactory;
import io.warden.core.cluster.Cluster;
import io.warden.rules.auth.jwt.InMemoryRevocationList;
import io.warden.rules.auth.jwt.RevocationList;
import io.warden.rules.auth.token.TokenEndpoints;
import io.warden.rules.auth.token.TokenService;
import io.warden.rules.config.WardenConfig;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventSink;
import io.warden.rules.ratelimit.RateLimiting;
import io.warden.rules.time.Ticker;
import io.warden.rules.websocket.WebSocketLimits;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What outlives a configuration reload: limiter counters and blocks, open WebSocket connections
 * per address and users' message quotas, revoked tokens, the token service's families (null when
 * it is off), the event stream and the clocks. A reload builds a new policy around the same state,
 * so nothing an attacker has earned (a block, a spent quota) is forgotten by editing a file.
 * In cluster mode ({@code redis.url}) the limiter counters, blocks, revocations and failed-login
 * counts are shared with the other instances through {@code cluster} (null otherwise).
 */
public record SharedState(
        RateLimiting rateLimiting,
        WebSocketLimits webSockets,
        RevocationList revocations,
        TokenService tokens,
        EventSink events,
        EventFactory eventFactory,
        Clock clock,
        Ticker ticker,
        Cluster cluster) {

    /**
     * The state a configuration starts with: empty counters, no blocks, no revocations, and the
     * token service when it is on (its failed logins count toward lockouts like the backend's).
     */
    public static SharedState create(WardenConfig config, Clock clock, Ticker ticker, EventSink events,
                                     EventFactory eventFactory) {
        List<String> loginPaths = new ArrayList<>(config.auth().loginPaths());
        if (config.auth().tokenService().enabled()) {
            loginPaths.add(TokenEndpoints.TOKEN_PATH);
        }
        Cluster cluster = Cluster.create(config, clock, ticker, events, eventFactory);
        RateLimiting rateLimiting = new RateLimiting(config.rateLimit(), config.blocking(), loginPaths,
                config.auth().maxFailedLogins(), ticker, clock, () -> ThreadLocalRandom.current().nextDouble(),
                eventFactory, events, cluster == null ? null : cluster.limiterStore(),
                cluster == null ? null : cluster.loginCounter());
        WebSocketLimits webSockets = new WebSocketLimits(rateLimiting.escalation(), rateLimiting.keys(),
                rateLimiting.allowList(), config.rateLimit().maxTrackedKeys(), ticker);
        RevocationList revocations = new InMemoryRevocationList(config.auth().maxRevokedTokens(), clock, ticker);
        if (cluster != null) {
            revocations = cluster.share(rateLimiting.blockList(), revocations, clock);
        }
        TokenService tokens = TokenServiceFactory.create(config, revocations, clock, ticker, eventFactory);
        return new SharedState(rateLimiting, webSockets, revocations, tokens, events, eventFactory, clock, ticker,
                cluster);
    }
}
