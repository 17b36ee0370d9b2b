package io.warden.rules.ratelimit.login;

import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventSink;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.net.CidrSet;
import io.warden.rules.pipeline.MutableHeaders;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.pipeline.ResponseStep;
import io.warden.rules.ratelimit.ClientKeys;
import io.warden.rules.ratelimit.KeyCounter;
import io.warden.rules.ratelimit.block.BlockList;
import io.warden.rules.ratelimit.block.BlockRecord;
import io.warden.rules.ratelimit.block.Escalation;

import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Failed-login lockout without seeing a password: a 401 or 403 from the upstream on a login path
 * is a failed login for the client's address; {@code maxFailedLogins} of them within the window
 * block the address ({@code LOGIN_LOCKOUT}, plus the block's {@code IP_BLOCKED}); a 2xx on a login
 * path resets the count. Response steps return nothing, so events go straight to the sink.
 *
 * <p>A 403 Warden itself sent to a blocked address is not counted (it would otherwise extend its
 * own lockout). Core should not run this step for other Warden-made rejections either.
 */
public final class LoginFailureObserver implements ResponseStep {

    private final LoginPaths loginPaths;
    private final int maxFailedLogins;
    private final KeyCounter failures;
    private final Escalation escalation;
    private final BlockList blocks;
    private final ClientKeys keys;
    private final CidrSet allowList;
    private final InstantSource clock;
    private final EventFactory events;
    private final EventSink sink;

    /**
     * @param loginPaths {@code auth.loginPaths}
     * @param maxFailedLogins {@code auth.maxFailedLogins}
     * @param failures counts per address; its window is {@code blocking.failedLoginWindow}
     */
    public LoginFailureObserver(LoginPaths loginPaths, int maxFailedLogins, KeyCounter failures,
                                Escalation escalation, BlockList blocks, ClientKeys keys, CidrSet allowList,
                                InstantSource clock, EventFactory events, EventSink sink) {
        if (maxFailedLogins <= 0) {
            throw new IllegalArgumentException("maxFailedLogins must be positive, got " + maxFailedLogins);
        }
        this.loginPaths = Objects.requireNonNull(loginPaths, "loginPaths");
        this.maxFailedLogins = maxFailedLogins;
        this.failures = Objects.requireNonNull(failures, "failures");
        this.escalation = Objects.requireNonNull(escalation, "escalation");
        this.blocks = Objects.requireNonNull(blocks, "blocks");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.allowList = Objects.requireNonNull(allowList, "allowList");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Objects.requireNonNull(events, "events");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public void onResponse(RequestContext request, int status, MutableHeaders headers) {
        boolean success = status >= 200 && status < 300;
        boolean failure = status == 401 || status == 403;
        // only the backend's verdict on a password counts; Warden's own refusals never saw one
        if (!success && !failure || request.answeredLocally() || !loginPaths.matches(request.path())) {
            return;
        }
        String key = keys.addressKey(request.client());
        if (success) {
            failures.reset(key);
            return;
        }
        BlockRecord current = blocks.find(request.client());
        if (current != null && current.activeAt(clock.millis())) {
            return;
        }
        int count = failures.increment(key);
        boolean lockout = count >= maxFailedLogins && !allowList.contains(request.client().address());
        sink.emit(request.event(events, EventType.LOGIN_FAILURE, lockout ? ThreatLevel.MEDIUM : ThreatLevel.LOW,
                Map.of("key", key, "failures", count, "max", maxFailedLogins, "status", status)));
        if (!lockout) {
            return;
        }
        failures.reset(key);
        Escalation.Outcome blocked = escalation.block(request, "too many failed logins", ThreatLevel.HIGH);
        Map<String, Object> details = new HashMap<>();
        details.put("key", key);
        details.put("failures", count);
        details.put("max", maxFailedLogins);
        details.put("blocked", blocked.block() != null);
        if (blocked.block() != null) {
            details.put("until", blocked.block().until().toString());
        }
        sink.emit(request.event(events, EventType.LOGIN_LOCKOUT, ThreatLevel.HIGH, details));
        for (SecurityEvent e : blocked.events()) {
            sink.emit(e);
        }
    }
}
