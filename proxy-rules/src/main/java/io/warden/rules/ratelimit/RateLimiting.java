package io.warden.rules.ratelimit;

import io.warden.rules.config.BlockingConfig;
import io.warden.rules.config.BotConfig;
import io.warden.rules.config.CostBudgetConfig;
import io.warden.rules.config.RateLimitConfig;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventSink;
import io.warden.rules.net.CidrSet;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.ratelimit.ai.CostBudget;
import io.warden.rules.ratelimit.ai.StreamConcurrency;
import io.warden.rules.ratelimit.block.BlockDurations;
import io.warden.rules.ratelimit.block.BlockList;
import io.warden.rules.ratelimit.block.BlockListCheck;
import io.warden.rules.ratelimit.block.Escalation;
import io.warden.rules.ratelimit.bot.AgentPatterns;
import io.warden.rules.ratelimit.bot.BotCheck;
import io.warden.rules.ratelimit.bot.BotClassifier;
import io.warden.rules.ratelimit.bot.CadenceTracker;
import io.warden.rules.ratelimit.login.LoginFailureObserver;
import io.warden.rules.ratelimit.login.LoginPaths;
import io.warden.rules.time.Ticker;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * Builds the rate-limiting parts from configuration, sharing what must be shared (one block list,
 * one violation counter, one key scheme), so core wires them in a few lines:
 * <pre>
 * request checks:  blockListCheck() → [JWT] → rateLimitCheck(policies) → botCheck() → costBudget()
 * response steps:  loginFailures(), costBudget()
 * connection guard: blockList().isBlocked(peer bytes)
 * streams:         streams().acquire(request) … lease.release()
 * </pre>
 * Holds no logic of its own.
 */
public final class RateLimiting {

    /** How often one address's bot classification is reported at most. */
    private static final Duration BOT_REPORT_INTERVAL = Duration.ofMinutes(10);
    private static final Duration BUDGET_WINDOW = Duration.ofHours(1);

    private final ClientKeys keys;
    private final CidrSet allowList;
    private final LimiterStore store;
    private final TierPolicies tiers;
    private final RateLimitEnforcer enforcer;
    private final BlockList blockList;
    private final BlockListCheck blockListCheck;
    private final BotCheck botCheck;
    private final LoginFailureObserver loginFailures;
    private final CostBudget costBudget;
    private final StreamConcurrency streams;
    private final Escalation escalation;

    /**
     * @param loginPaths {@code auth.loginPaths}
     * @param maxFailedLogins {@code auth.maxFailedLogins}
     * @param random values in [0, 1) for block jitter, e.g. {@code () -> ThreadLocalRandom.current().nextDouble()}
     * @param sink where response steps send their events (checks return theirs in decisions)
     */
    public RateLimiting(RateLimitConfig rateLimit, BlockingConfig blocking, List<String> loginPaths,
                        int maxFailedLogins, Ticker ticker, InstantSource clock, DoubleSupplier random,
                        EventFactory events, EventSink sink) {
        this(rateLimit, blocking, loginPaths, maxFailedLogins, ticker, clock, random, events, sink, null, null);
    }

    /**
     * With the request-rate state and the failed-login counts kept elsewhere (cluster mode shares
     * them through Redis).
     *
     * @param store the request-rate limiter's state, or null for one in process memory
     * @param loginCounter failed logins per address within {@code blocking.failedLoginWindow}, or null
     *                     for one in process memory
     */
    public RateLimiting(RateLimitConfig rateLimit, BlockingConfig blocking, List<String> loginPaths,
                        int maxFailedLogins, Ticker ticker, InstantSource clock, DoubleSupplier random,
                        EventFactory events, EventSink sink, LimiterStore store, KeyCounter loginCounter) {
        int maxKeys = rateLimit.maxTrackedKeys();
        this.keys = new ClientKeys(rateLimit.ipv6Prefix());
        this.allowList = CidrSet.parse(rateLimit.allowList());
        this.tiers = TierPolicies.of(rateLimit);
        BotConfig bots = rateLimit.bots();
        RateLimitPolicy botTier = RateLimitPolicy.perMinute("bot", bots.perMinute(), bots.effectiveBurst(),
                bots.mode(), KeyBy.ADDRESS);

        this.store = store != null ? store : new CaffeineLimiterStore(maxKeys);
        RateLimiter limiter = new RateLimiter(this.store, ticker);

        this.blockList = new BlockList(new BlockDurations(blocking.firstBlock(), blocking.maxBlock(), blocking.jitter()),
                keys, allowList, blocking.maxEntries(), blocking.offenceMemory(), clock, ticker, random, events);
        this.escalation = new Escalation(blockList, new WindowCounter(maxKeys, blocking.window(), ticker),
                blocking.violationsBeforeBlock(), blocking.mode(), keys, events);
        this.enforcer = new RateLimitEnforcer(limiter, keys, allowList, new RateLimitHeaders(rateLimit.headers()),
                escalation, events);
        this.blockListCheck = new BlockListCheck(blockList, clock, events);

        BotClassifier classifier = new BotClassifier(
                AgentPatterns.of(AgentPatterns.SCANNERS, bots.scannerAgents()),
                AgentPatterns.of(AgentPatterns.AUTOMATED, bots.automatedAgents()),
                AgentPatterns.of(AgentPatterns.HEADLESS, List.of()), bots.threshold());
        CadenceTracker cadence = bots.cadenceSamples() == 0 ? null
                : new CadenceTracker(bots.cadenceSamples(), maxKeys, ticker);
        this.botCheck = new BotCheck(classifier, cadence, enforcer, botTier, escalation,
                new WindowCounter(maxKeys, BOT_REPORT_INTERVAL, ticker), keys, allowList, bots.mode(),
                bots.blockScanners(), clock, events);

        this.loginFailures = new LoginFailureObserver(new LoginPaths(loginPaths), maxFailedLogins,
                loginCounter != null ? loginCounter : new WindowCounter(maxKeys, blocking.failedLoginWindow(), ticker),
                escalation, blockList, keys,
                allowList, clock, events, sink);

        CostBudgetConfig budget = rateLimit.costBudget();
        GcraRule budgetRule = GcraRule.of(budget.perHour(), BUDGET_WINDOW, budget.perHour());
        RateLimiter budgetLimiter = new RateLimiter(new CaffeineLimiterStore(maxKeys), ticker);
        this.costBudget = new CostBudget(budgetLimiter, budgetRule, budget.header(), budget.mode(), keys, allowList,
                events);
        this.streams = new StreamConcurrency(rateLimit.streams().perUser(), rateLimit.streams().perAddress(),
                rateLimit.streams().mode(), keys, allowList, events);
    }

    /** The default tiers; wrap them with route overrides and pass the result to {@link #rateLimitCheck}. */
    public TierPolicies tiers() {
        return tiers;
    }

    public RateLimitCheck rateLimitCheck(Function<RequestContext, RateLimitPolicy> policies) {
        return new RateLimitCheck(enforcer, policies);
    }

    /** The request-rate check with the default tiers only. */
    public RateLimitCheck rateLimitCheck() {
        return rateLimitCheck(tiers);
    }

    public BlockList blockList() {
        return blockList;
    }

    public BlockListCheck blockListCheck() {
        return blockListCheck;
    }

    public BotCheck botCheck() {
        return botCheck;
    }

    public LoginFailureObserver loginFailures() {
        return loginFailures;
    }

    public CostBudget costBudget() {
        return costBudget;
    }

    public StreamConcurrency streams() {
        return streams;
    }

    public ClientKeys keys() {
        return keys;
    }

    /** Counts violations towards blocks; anything else that sees misbehaviour (WebSocket frames) feeds it too. */
    public Escalation escalation() {
        return escalation;
    }

    /** {@code rateLimit.allowList}: addresses never limited or blocked. */
    public CidrSet allowList() {
        return allowList;
    }

    /** The request-rate limiter's state, for metrics (its size) and memory-bound tests. */
    public LimiterStore store() {
        return store;
    }
}
