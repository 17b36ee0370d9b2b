package io.warden.rules.ratelimit.bot;

import io.warden.rules.config.LimitMode;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.net.CidrSet;
import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.RequestCheck;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.ratelimit.ClientKeys;
import io.warden.rules.ratelimit.RateLimitEnforcer;
import io.warden.rules.ratelimit.RateLimitPolicy;
import io.warden.rules.ratelimit.RateLimitProbe;
import io.warden.rules.ratelimit.WindowCounter;
import io.warden.rules.ratelimit.block.Escalation;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Classifies each request's sender and acts on it:
 * <ul>
 *   <li>a scanner's address is blocked at once and gets 403 (when {@code blockScanners});</li>
 *   <li>an anonymous automated client is held to the bot tier as well as its own tier;</li>
 *   <li>an authenticated client is never put on the bot tier: the backend has API users who
 *       script against it, and they are accountable by their identity and its own tier.</li>
 * </ul>
 * {@code BOT_DETECTED} is raised once per address and class within a report window, not on every
 * request, so a legitimate client using curl does not fill the event log. Runs after the JWT check.
 */
public final class BotCheck implements RequestCheck {

    private final BotClassifier classifier;
    private final CadenceTracker cadence;
    private final RateLimitEnforcer enforcer;
    private final RateLimitPolicy botTier;
    private final Escalation escalation;
    private final WindowCounter reported;
    private final ClientKeys keys;
    private final CidrSet allowList;
    private final LimitMode mode;
    private final boolean blockScanners;
    private final InstantSource clock;
    private final EventFactory events;

    /**
     * @param cadence null when cadence is not tracked
     * @param reported counts reports per address and class; its window is the report interval
     */
    public BotCheck(BotClassifier classifier, CadenceTracker cadence, RateLimitEnforcer enforcer,
                    RateLimitPolicy botTier, Escalation escalation, WindowCounter reported, ClientKeys keys,
                    CidrSet allowList, LimitMode mode, boolean blockScanners, InstantSource clock,
                    EventFactory events) {
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.cadence = cadence;
        this.enforcer = Objects.requireNonNull(enforcer, "enforcer");
        this.botTier = Objects.requireNonNull(botTier, "botTier");
        this.escalation = Objects.requireNonNull(escalation, "escalation");
        this.reported = Objects.requireNonNull(reported, "reported");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.allowList = Objects.requireNonNull(allowList, "allowList");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.blockScanners = blockScanners;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public Decision check(RequestContext request) {
        if (mode == LimitMode.OFF || allowList.contains(request.client().address())) {
            return Decision.proceed();
        }
        String address = keys.addressKey(request.client());
        boolean regular = cadence != null && cadence.observe(address);
        BotVerdict verdict = classifier.classify(request.headers(), request.headers().contains("Upgrade"), regular);
        return switch (verdict.botClass()) {
            case SCANNER -> scanner(request, address, verdict);
            case AUTOMATED -> request.identity() == null ? automated(request, address, verdict) : Decision.proceed();
            case UNREMARKABLE -> Decision.proceed();
        };
    }

    private Decision scanner(RequestContext request, String address, BotVerdict verdict) {
        List<SecurityEvent> raised = new ArrayList<>(2);
        report(request, address, verdict, ThreatLevel.HIGH, raised);
        if (mode == LimitMode.DETECT || !blockScanners) {
            return automated(request, address, verdict, raised);
        }
        Escalation.Outcome blocked = escalation.block(request, "automated scanner", ThreatLevel.HIGH);
        raised.addAll(blocked.events());
        Decision.Reject reject = new Decision.Reject(403, "automated scanner blocked", Map.of(), raised, true);
        if (blocked.block() != null) {
            long millis = blocked.block().remainingMillis(clock.millis());
            reject = reject.withHeader("Retry-After", Long.toString(Math.max(1, RateLimitProbe.seconds(millis * 1_000_000L))));
        }
        return reject;
    }

    private Decision automated(RequestContext request, String address, BotVerdict verdict) {
        List<SecurityEvent> raised = new ArrayList<>(2);
        report(request, address, verdict, ThreatLevel.LOW, raised);
        return automated(request, address, verdict, raised);
    }

    private Decision automated(RequestContext request, String address, BotVerdict verdict, List<SecurityEvent> raised) {
        Decision limited = enforcer.apply(request, mode == LimitMode.DETECT ? botTier.withMode(LimitMode.DETECT) : botTier);
        if (raised.isEmpty()) {
            return limited;
        }
        raised.addAll(limited.events());
        return limited instanceof Decision.Reject r
                ? new Decision.Reject(r.status(), r.reason(), r.headers(), raised, r.closeConnection())
                : Decision.proceed(raised);
    }

    private void report(RequestContext request, String address, BotVerdict verdict, ThreatLevel level,
                        List<SecurityEvent> raised) {
        if (reported.increment(verdict.botClass().name() + '|' + address) == 1) {
            raised.add(request.event(events, EventType.BOT_DETECTED, level, Map.of(
                    "key", address, "class", verdict.botClass().name().toLowerCase(java.util.Locale.ROOT),
                    "score", verdict.score(), "traits", String.join(",", verdict.traits()),
                    "tier", botTier.tier(), "mode", mode.wireName())));
        }
    }
}
