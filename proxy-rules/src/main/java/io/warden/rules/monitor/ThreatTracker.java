package io.warden.rules.monitor;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.warden.rules.config.ThreatConfig;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.ratelimit.block.BlockRecord;
import io.warden.rules.time.Ticker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A threat score per source address, from the events it causes: each scored event adds points by
 * its level (low 1, medium 5, high 20, critical 40), and the score halves every
 * {@code halfLife} of quiet. Reaching {@code escalateScore} raises a {@code threat_escalated}
 * event (high) once; reaching {@code blockScore} blocks the address through {@link BlockControl}
 * and raises a critical one, after which the score starts again from zero. One address causing
 * {@code correlationTypes} distinct kinds of events within {@code memory} is escalated as a
 * correlated attack whatever its score.
 *
 * <p>Only behaviour is scored: the consequences of scoring (blocks, escalations), operator and
 * lifecycle events, and upstream failures (not the client's doing) are not. Memory is bounded:
 * at most {@code maxTracked} addresses, the least recently seen forgotten first, and an address
 * quiet for {@code memory} is forgotten. Called from one thread (the event bus); readers
 * ({@link #top}) may run concurrently.
 */
public final class ThreatTracker {

    static final Set<EventType> SCORED = EnumSet.of(
            EventType.AUTHENTICATION_FAILURE, EventType.AUTHORIZATION_FAILURE, EventType.LOGIN_FAILURE,
            EventType.LOGIN_LOCKOUT, EventType.TOKEN_REUSE, EventType.RATE_LIMIT_VIOLATION, EventType.BOT_DETECTED,
            EventType.INJECTION_ATTEMPT, EventType.INPUT_VALIDATION_FAILURE, EventType.PROTOCOL_VIOLATION,
            EventType.SUSPICIOUS_HEADER, EventType.REQUEST_TOO_LARGE, EventType.ROUTE_DENIED,
            EventType.WEBSOCKET_VIOLATION, EventType.CONNECTION_REFUSED, EventType.CONNECTION_FLOOD);

    /** One address's standing, as the dashboard shows it. */
    public record Standing(String address, double score, int kinds, long events, List<String> types) {
    }

    private static final class Threat {
        double score;
        long scoredAt;
        long lastSeen;
        long kinds;
        long events;
        boolean escalated;
        boolean correlated;
    }

    private final ThreatConfig config;
    private final BlockControl blocks;
    private final EventFactory events;
    private final Ticker ticker;
    private final Cache<String, Threat> threats;
    private final double halfLifeNanos;
    private final long memoryNanos;

    public ThreatTracker(ThreatConfig config, BlockControl blocks, EventFactory events, Ticker ticker) {
        this.config = Objects.requireNonNull(config, "config");
        this.blocks = Objects.requireNonNull(blocks, "blocks");
        this.events = Objects.requireNonNull(events, "events");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.halfLifeNanos = config.halfLife().toNanos();
        this.memoryNanos = config.memory().toNanos();
        this.threats = Caffeine.newBuilder()
                .maximumSize(config.maxTracked())
                .expireAfterAccess(config.memory())
                .ticker(ticker::nanos)
                .executor(Runnable::run)
                .build();
    }

    /** Scores one event; returns the escalations it caused (to be emitted). */
    public List<SecurityEvent> observe(SecurityEvent e) {
        if (e.sourceIp() == null || !SCORED.contains(e.type())) {
            return List.of();
        }
        long now = ticker.nanos();
        Threat t = threats.get(e.sourceIp(), k -> new Threat());
        synchronized (t) {
            if (t.events > 0 && now - t.lastSeen > memoryNanos) {
                t.kinds = 0;
                t.correlated = false;
            }
            t.score = decayed(t, now) + points(e.level());
            t.scoredAt = now;
            t.lastSeen = now;
            t.kinds |= 1L << e.type().ordinal();
            t.events++;
            return escalate(e, t);
        }
    }

    private List<SecurityEvent> escalate(SecurityEvent cause, Threat t) {
        List<SecurityEvent> raised = new ArrayList<>(2);
        String address = cause.sourceIp();
        int kinds = Long.bitCount(t.kinds);
        if (!t.correlated && kinds >= config.correlationTypes()) {
            t.correlated = true;
            raised.add(escalation(cause, ThreatLevel.HIGH, "correlated", t, Map.of("kinds", typeNames(t.kinds))));
        }
        if (t.score >= config.blockScore()) {
            Map<String, Object> extra = new LinkedHashMap<>();
            if (config.autoBlock()) {
                Optional<BlockRecord> block = blocks.blockForThreat(address,
                        "threat score " + Math.round(t.score), ThreatLevel.CRITICAL);
                block.ifPresent(b -> extra.put("blocked_until", b.until().toString()));
                extra.put("action", block.isPresent() ? "blocked" : "already blocked or allow-listed");
            } else {
                extra.put("action", "reported (monitoring.threat.autoBlock is false)");
            }
            raised.add(escalation(cause, ThreatLevel.CRITICAL, "block score reached", t, extra));
            t.score = 0;
            t.escalated = false;
        } else if (!t.escalated && t.score >= config.escalateScore()) {
            t.escalated = true;
            raised.add(escalation(cause, ThreatLevel.HIGH, "escalation score reached", t, Map.of()));
        } else if (t.escalated && t.score < config.escalateScore() / 2.0) {
            t.escalated = false;
        }
        return raised;
    }

    private SecurityEvent escalation(SecurityEvent cause, ThreatLevel level, String reason, Threat t,
                                     Map<String, Object> extra) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", reason);
        details.put("score", Math.round(t.score));
        details.put("events", t.events);
        details.put("cause_event_id", cause.eventId());
        details.put("cause_type", cause.type().wireName());
        details.putAll(extra);
        return events.create(EventType.THREAT_ESCALATED, level, cause.sourceIp(), cause.requestId(), cause.route(),
                details);
    }

    /** The current score of an address, decayed to now; 0 when it is not tracked. */
    public double score(String address) {
        Threat t = threats.getIfPresent(address);
        if (t == null) {
            return 0;
        }
        synchronized (t) {
            return decayed(t, ticker.nanos());
        }
    }

    /** The {@code n} addresses with the highest scores now. */
    public List<Standing> top(int n) {
        long now = ticker.nanos();
        List<Standing> all = new ArrayList<>();
        threats.asMap().forEach((address, t) -> {
            synchronized (t) {
                double score = decayed(t, now);
                if (score >= 0.5) {
                    all.add(new Standing(address, Math.round(score * 10) / 10.0, Long.bitCount(t.kinds), t.events,
                            typeNames(t.kinds)));
                }
            }
        });
        all.sort(Comparator.comparingDouble(Standing::score).reversed());
        return all.size() > n ? List.copyOf(all.subList(0, n)) : List.copyOf(all);
    }

    public long tracked() {
        return threats.estimatedSize();
    }

    private double decayed(Threat t, long now) {
        if (t.score == 0) {
            return 0;
        }
        return t.score * Math.pow(0.5, (now - t.scoredAt) / halfLifeNanos);
    }

    private static int points(ThreatLevel level) {
        return switch (level) {
            case LOW -> 1;
            case MEDIUM -> 5;
            case HIGH -> 20;
            case CRITICAL -> 40;
        };
    }

    private static List<String> typeNames(long mask) {
        List<String> names = new ArrayList<>();
        for (EventType type : EventType.values()) {
            if ((mask & 1L << type.ordinal()) != 0) {
                names.add(type.wireName());
            }
        }
        return names;
    }
}
