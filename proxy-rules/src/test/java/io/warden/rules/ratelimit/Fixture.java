package io.warden.rules.ratelimit;

import io.warden.rules.config.BlockingConfig;
import io.warden.rules.config.RateLimitConfig;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.RequestCheck;
import io.warden.rules.pipeline.RequestContext;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The whole rate-limiting assembly on a manual clock, with the events response steps emitted. */
public final class Fixture {

    public final ManualClock clock = new ManualClock();
    public final List<SecurityEvent> emitted = new CopyOnWriteArrayList<>();
    public final EventFactory events = new EventFactory(clock);
    public final RateLimiting limits;

    public Fixture() {
        this(RateLimitConfig.defaults(), BlockingConfig.defaults());
    }

    public Fixture(RateLimitConfig rateLimit, BlockingConfig blocking) {
        this.limits = new RateLimiting(rateLimit, blocking, List.of("/api/auth/login"), 5, clock, clock,
                () -> 0.5, events, emitted::add);
    }

    /** Runs the request checks in pipeline order (JWT would sit after the block list). */
    public Decision request(RequestContext request) {
        List<SecurityEvent> raised = new ArrayList<>();
        for (RequestCheck check : List.of(limits.blockListCheck(), limits.rateLimitCheck(), limits.botCheck(),
                limits.costBudget())) {
            Decision d = check.check(request);
            raised.addAll(d.events());
            if (d instanceof Decision.Reject r) {
                return new Decision.Reject(r.status(), r.reason(), r.headers(), raised, r.closeConnection());
            }
        }
        return Decision.proceed(raised);
    }

    public Decision request(Requests request) {
        return request(request.build());
    }

    public static long count(Decision d, EventType type) {
        return d.events().stream().filter(e -> e.type() == type).count();
    }

    public long emittedCount(EventType type) {
        return emitted.stream().filter(e -> e.type() == type).count();
    }

    public static RateLimitConfig rateLimit(int anonymous, Integer anonymousBurst, int authenticated) {
        RateLimitConfig d = RateLimitConfig.defaults();
        return new RateLimitConfig(anonymous, authenticated, d.allowList(), anonymousBurst, null, d.mode(),
                d.ipv6Prefix(), d.headers(), d.maxTrackedKeys(), d.bots(), d.streams(), d.costBudget());
    }
}
