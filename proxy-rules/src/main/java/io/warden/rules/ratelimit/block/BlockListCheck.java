package io.warden.rules.ratelimit.block;

import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.RequestCheck;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.ratelimit.RateLimitProbe;

import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The first check: a blocked address gets 403 with {@code Retry-After} and the connection closed,
 * and never reaches the upstream. The reason says why in a few words (people behind a shared NAT
 * deserve to know), never the operator's free-text reason. No event per refused request: the
 * block was reported when it began, and a blocked flood must not flood the event log too.
 */
public final class BlockListCheck implements RequestCheck {

    private final BlockList blocks;
    private final InstantSource clock;
    private final EventFactory events;

    public BlockListCheck(BlockList blocks, InstantSource clock, EventFactory events) {
        this.blocks = Objects.requireNonNull(blocks, "blocks");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public Decision check(RequestContext request) {
        BlockRecord r = blocks.find(request.client());
        if (r == null) {
            return Decision.proceed();
        }
        long now = clock.millis();
        if (r.activeAt(now)) {
            long seconds = Math.max(1, RateLimitProbe.seconds(r.remainingMillis(now) * 1_000_000L));
            return new Decision.Reject(403, r.manual() ? "address blocked by the operator" : "address blocked: " + r.reason(),
                    Map.of("Retry-After", Long.toString(seconds)), List.of(), true);
        }
        if (blocks.release(r)) {
            return Decision.proceed(List.of(request.event(events, EventType.IP_UNBLOCKED, ThreatLevel.LOW,
                    BlockList.details(r))));
        }
        return Decision.proceed();
    }
}
