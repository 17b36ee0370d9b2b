package io.warden.rules.ratelimit.block;

import io.warden.rules.config.LimitMode;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.ratelimit.ClientKeys;
import io.warden.rules.ratelimit.WindowCounter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns misbehaviour into blocks: more than {@code violationsBeforeBlock} rejected requests from
 * one address within the window block it (progressively longer for re-offenders, see
 * {@link BlockDurations}); scanners and login lockouts block at once. In {@code detect} mode a
 * block is reported as an {@code IP_BLOCKED} event with {@code mode=detect} and not applied.
 */
public final class Escalation {

    /**
     * What escalating did.
     *
     * @param events the events to record ({@code IP_BLOCKED} when a block began)
     * @param block the block in force for the address afterwards, or null (detect, off, allow-listed)
     */
    public record Outcome(List<SecurityEvent> events, BlockRecord block) {
        static final Outcome NOTHING = new Outcome(List.of(), null);
    }

    private final BlockList blocks;
    private final WindowCounter violations;
    private final int violationsBeforeBlock;
    private final LimitMode mode;
    private final ClientKeys keys;
    private final EventFactory events;

    public Escalation(BlockList blocks, WindowCounter violations, int violationsBeforeBlock, LimitMode mode,
                      ClientKeys keys, EventFactory events) {
        this.blocks = Objects.requireNonNull(blocks, "blocks");
        this.violations = Objects.requireNonNull(violations, "violations");
        this.violationsBeforeBlock = violationsBeforeBlock;
        this.mode = Objects.requireNonNull(mode, "mode");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.events = Objects.requireNonNull(events, "events");
    }

    /** Counts one rejected request against the client's address; blocks it once it has too many. */
    public Outcome violation(RequestContext request, String reason) {
        if (mode == LimitMode.OFF) {
            return Outcome.NOTHING;
        }
        int count = violations.increment(keys.addressKey(request.client()));
        if (count <= violationsBeforeBlock) {
            return Outcome.NOTHING;
        }
        return block(request, reason, ThreatLevel.MEDIUM, Map.of("violations", count));
    }

    /** Blocks the client's address now (scanner, login lockout). */
    public Outcome block(RequestContext request, String reason, ThreatLevel level) {
        return block(request, reason, level, Map.of());
    }

    private Outcome block(RequestContext request, String reason, ThreatLevel level, Map<String, Object> facts) {
        if (mode == LimitMode.OFF) {
            return Outcome.NOTHING;
        }
        String key = keys.addressKey(request.client());
        violations.reset(key);
        Map<String, Object> details = new HashMap<>(facts);
        details.put("key", key);
        details.put("reason", reason);
        details.put("mode", mode.wireName());
        if (mode == LimitMode.DETECT) {
            return new Outcome(List.of(request.event(events, EventType.IP_BLOCKED, level, details)), null);
        }
        BlockResult result = blocks.blockAutomatically(request.client(), reason, level);
        if (!result.isNew()) {
            return new Outcome(List.of(), result.record());
        }
        BlockRecord r = result.record();
        details.putAll(BlockList.details(r));
        details.put("durationSeconds", (r.until().toEpochMilli() - r.since().toEpochMilli()) / 1000);
        details.put("stored", result.outcome() == BlockResult.Outcome.BLOCKED);
        return new Outcome(List.of(request.event(events, EventType.IP_BLOCKED, r.level(), details)), r);
    }
}
