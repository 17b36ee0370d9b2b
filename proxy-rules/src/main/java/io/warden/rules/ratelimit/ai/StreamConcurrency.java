package io.warden.rules.ratelimit.ai;

import io.warden.rules.config.LimitMode;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.net.CidrSet;
import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.ratelimit.ClientKeys;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caps concurrent long-lived responses (SSE streams, WebSocket sessions) per verified user and per
 * address: one AI generation can hold a connection for minutes, so a request-rate limit alone
 * would let a client open hundreds. Counters exist only while streams are open, so memory is
 * bounded by open connections (which core caps per address). Not a request check: core calls
 * {@link #acquire} when it knows a request is a stream ({@link #isLongLived}, or a
 * {@code text/event-stream} response) and releases the lease when it ends.
 */
public final class StreamConcurrency {

    /** A refused stream may retry soon: streams end all the time. */
    static final String RETRY_AFTER_SECONDS = "5";

    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();
    private final int perUser;
    private final int perAddress;
    private final LimitMode mode;
    private final ClientKeys keys;
    private final CidrSet allowList;
    private final EventFactory events;

    public StreamConcurrency(int perUser, int perAddress, LimitMode mode, ClientKeys keys, CidrSet allowList,
                             EventFactory events) {
        if (perUser <= 0 || perAddress <= 0) {
            throw new IllegalArgumentException("stream caps must be positive, got " + perUser + " and " + perAddress);
        }
        this.perUser = perUser;
        this.perAddress = perAddress;
        this.mode = Objects.requireNonNull(mode, "mode");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.allowList = Objects.requireNonNull(allowList, "allowList");
        this.events = Objects.requireNonNull(events, "events");
    }

    /** Whether the request opens a long-lived response: a WebSocket upgrade or an SSE subscription. */
    public static boolean isLongLived(RequestContext request) {
        String upgrade = request.headers().get("Upgrade");
        if (upgrade != null && upgrade.trim().equalsIgnoreCase("websocket")) {
            return true;
        }
        for (String accept : request.headers().getAll("Accept")) {
            if (accept.toLowerCase(Locale.ROOT).contains("text/event-stream")) {
                return true;
            }
        }
        return false;
    }

    /** Counts one more open stream for the request's address (and user), or refuses it. */
    public Admission acquire(RequestContext request) {
        if (mode == LimitMode.OFF || allowList.contains(request.client().address())) {
            return new Admission(Lease.NONE, Decision.proceed());
        }
        boolean force = mode == LimitMode.DETECT;
        String address = keys.addressKey(request.client());
        String user = request.identity() == null ? null : ClientKeys.userKey(request.identity());
        if (!increment(address, perAddress, force)) {
            return refused(request, address, perAddress);
        }
        if (user != null && !increment(user, perUser, force)) {
            decrement(address);
            return refused(request, user, perUser);
        }
        Lease lease = new Lease(() -> {
            decrement(address);
            if (user != null) {
                decrement(user);
            }
        });
        if (force && count(address) > perAddress) {
            return new Admission(lease, Decision.proceed(List.of(violation(request, address, perAddress))));
        }
        if (force && user != null && count(user) > perUser) {
            return new Admission(lease, Decision.proceed(List.of(violation(request, user, perUser))));
        }
        return new Admission(lease, Decision.proceed());
    }

    /** Streams open now for a key (an address key or a {@link ClientKeys#userKey}). */
    public int count(String key) {
        return open.getOrDefault(key, 0);
    }

    private Admission refused(RequestContext request, String key, int limit) {
        return new Admission(null, new Decision.Reject(429, "too many open streams",
                Map.of("Retry-After", RETRY_AFTER_SECONDS), List.of(violation(request, key, limit)), false));
    }

    private SecurityEvent violation(RequestContext request, String key, int limit) {
        return request.event(events, EventType.RATE_LIMIT_VIOLATION, ThreatLevel.LOW, Map.of(
                "key", key, "tier", "streams", "limit", limit, "open", count(key), "mode", mode.wireName()));
    }

    private boolean increment(String key, int limit, boolean force) {
        boolean[] admitted = {false};
        open.compute(key, (k, n) -> {
            int current = n == null ? 0 : n;
            if (current >= limit && !force) {
                return n;
            }
            admitted[0] = true;
            return current + 1;
        });
        return admitted[0];
    }

    private void decrement(String key) {
        open.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }
}
