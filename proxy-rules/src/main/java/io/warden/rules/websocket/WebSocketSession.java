package io.warden.rules.websocket;

import io.warden.rules.config.MalformedAction;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventSink;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.ratelimit.ClientKeys;
import io.warden.rules.ratelimit.Gcra;
import io.warden.rules.ratelimit.GcraRule;
import io.warden.rules.ratelimit.block.Escalation;
import io.warden.rules.time.Ticker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decisions about one open WebSocket connection beyond single frames: the message rate (per
 * connection, and per user across connections), content, violations that add up to a close and
 * count towards the address's block, keepalive, idle and age limits, and the events that tell the
 * connection's story (opened, violations, closed and why). Confined to the connection's event
 * loop; the data plane closes it when the exchange ends, however it ends.
 */
public final class WebSocketSession implements AutoCloseable {

    static final Violation IDLE = new Violation(CloseCodes.GOING_AWAY, "idle timeout");
    static final Violation TOO_OLD = new Violation(CloseCodes.GOING_AWAY, "connection too old, reconnect");
    static final Violation BLOCKED = new Violation(CloseCodes.POLICY_VIOLATION, "address blocked");
    static final String BINARY_ON_JSON = "binary message on a JSON channel";
    static final String RATE = "message rate exceeded";
    static final String USER_RATE = "user message rate exceeded";

    private final RequestContext handshake;
    private final WebSocketPolicy policy;
    private final WebSocketLimits limits;
    private final MessageInspector inspector;
    private final EventFactory events;
    private final EventSink sink;
    private final Ticker ticker;
    private final boolean limited;
    private final long openedAt;

    private long tat = Gcra.EMPTY;
    private long lastActivity;
    private long lastPing;
    private boolean pinged;
    private int violations;
    private long relayed;
    private long dropped;
    private String endedBy;
    private int endCode;
    private String endReason;
    private boolean closed;

    WebSocketSession(RequestContext handshake, WebSocketLimits limits, MessageInspector inspector,
                     EventFactory events, EventSink sink, Ticker ticker) {
        this.handshake = handshake;
        this.policy = handshake.route().websocket();
        this.limits = limits;
        this.inspector = inspector;
        this.events = events;
        this.sink = sink;
        this.ticker = ticker;
        this.limited = !limits.exempt(handshake.client());
        this.openedAt = ticker.nanos();
        this.lastActivity = openedAt;
    }

    public WebSocketPolicy policy() {
        return policy;
    }

    /** The client sent something (any frame, a pong included): it is alive. */
    public void onActivity() {
        lastActivity = ticker.nanos();
        pinged = false;
    }

    /**
     * A client data message begins: counts it against the message rates. Control frames never
     * come here. Over a rate, the message is dropped whole (all its fragments).
     */
    public MessageAction onMessageStart() {
        if (!limited) {
            return MessageAction.FORWARD;
        }
        GcraRule rule = policy.messageRule();
        long next = Gcra.advance(rule, tat, ticker.nanos(), 1, false);
        if (next == Gcra.DENIED) {
            return drop(RATE, List.of(rateEvent("connection", "websocket.messages", rule)));
        }
        GcraRule userRule = policy.userRule();
        if (userRule != null && handshake.identity() != null
                && !limits.userMessage(handshake.identity(), userRule).allowed()) {
            return drop(USER_RATE, List.of(rateEvent(ClientKeys.userKey(handshake.identity()),
                    "websocket.user-messages", userRule)));
        }
        tat = next;
        return MessageAction.FORWARD;
    }

    /** A whole client text message, already checked to be UTF-8 and within the size limits. */
    public MessageAction onText(byte[] utf8) {
        MessageVerdict verdict = inspector.inspect(handshake, utf8);
        return switch (verdict.outcome()) {
            case PASS -> {
                emit(verdict.events());
                yield relayed();
            }
            case MALFORMED -> malformed(verdict.reason(), verdict.events());
            case REFUSED -> drop(verdict.reason(), verdict.events());
        };
    }

    /** A client binary message begins (after {@link #onMessageStart}): refused on a JSON channel. */
    public MessageAction onBinary() {
        if (!policy.json()) {
            return relayed();
        }
        return malformed(BINARY_ON_JSON, List.of(handshake.event(events, EventType.WEBSOCKET_VIOLATION,
                ThreatLevel.LOW, Map.of("reason", BINARY_ON_JSON))));
    }

    /** Whether Warden should ping the client now; true at most once per silent ping interval. */
    public boolean pingDue() {
        long now = ticker.nanos();
        if (now - lastActivity < policy.pingIntervalNanos()) {
            return false;
        }
        if (pinged && now - lastPing < policy.pingIntervalNanos()) {
            return false;
        }
        pinged = true;
        lastPing = now;
        return true;
    }

    /** Why the connection must end for its age or silence now, or null. */
    public Violation expired() {
        long now = ticker.nanos();
        if (policy.maxAgeNanos() > 0 && now - openedAt >= policy.maxAgeNanos()) {
            return TOO_OLD;
        }
        return now - lastActivity >= policy.idleTimeoutNanos() ? IDLE : null;
    }

    /** A frame broke the protocol or a size limit; the data plane closes the connection. */
    public void onProtocolViolation(Violation violation, boolean fromClient) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", violation.reason());
        details.put("closeCode", violation.closeCode());
        details.put("from", fromClient ? "client" : "upstream");
        emit(handshake.event(events, fromClient ? EventType.WEBSOCKET_VIOLATION : EventType.UPSTREAM_FAILURE,
                fromClient ? ThreatLevel.MEDIUM : ThreatLevel.LOW, details));
        ending("warden", violation);
        limits.connections().closedForViolation();
    }

    /** Warden ends the connection for a reason that is nobody's fault: idle, too old, shutting down. */
    public void onGoingAway(Violation violation) {
        ending("warden", violation);
    }

    /** A close frame passed from one side to the other: who started the closing handshake, and why. */
    public void onCloseFrame(boolean fromClient, int code) {
        if (endedBy == null) {
            endedBy = fromClient ? "client" : "upstream";
            endCode = code;
        }
    }

    /** Records the connection's end: once, whenever the exchange ends. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("action", "closed");
        details.put("by", endedBy == null ? "disconnect" : endedBy);
        if (endedBy != null) {
            details.put("closeCode", endCode);
        }
        if (endReason != null) {
            details.put("reason", endReason);
        }
        details.put("durationMillis", (ticker.nanos() - openedAt) / 1_000_000);
        details.put("messagesRelayed", relayed);
        details.put("messagesDropped", dropped);
        details.put("violations", violations);
        emit(handshake.event(events, EventType.WEBSOCKET_CONNECTION, ThreatLevel.LOW, details));
    }

    void opened() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("action", "opened");
        details.put("openFromAddress", limits.connections().openConnections(limits.addressKey(handshake.client())));
        details.put("json", policy.json());
        if (handshake.identity() != null) {
            details.put("user", handshake.identity().subject());
        }
        emit(handshake.event(events, EventType.WEBSOCKET_CONNECTION, ThreatLevel.LOW, details));
    }

    private MessageAction relayed() {
        relayed++;
        limits.connections().relayed();
        return MessageAction.FORWARD;
    }

    private MessageAction malformed(String reason, List<SecurityEvent> found) {
        if (policy.onMalformedJson() == MalformedAction.DROP) {
            return drop(reason, found);
        }
        emit(found);
        return closing(new Violation(CloseCodes.UNSUPPORTED_DATA, reason));
    }

    /**
     * Drops the message as a violation: it counts towards the address's block (the same
     * escalation HTTP violations feed), and past {@code violationsBeforeClose} it ends the connection.
     */
    private MessageAction drop(String reason, List<SecurityEvent> found) {
        emit(found);
        dropped++;
        violations++;
        limits.connections().dropped();
        Escalation.Outcome escalated = limits.escalation().violation(handshake, "websocket: " + reason);
        emit(escalated.events());
        if (escalated.block() != null) {
            return closing(BLOCKED);
        }
        if (violations > policy.violationsBeforeClose()) {
            return closing(new Violation(CloseCodes.POLICY_VIOLATION, reason));
        }
        return MessageAction.DROP;
    }

    private MessageAction closing(Violation violation) {
        ending("warden", violation);
        limits.connections().closedForViolation();
        return MessageAction.close(violation);
    }

    private void ending(String by, Violation violation) {
        if (endedBy == null) {
            endedBy = by;
            endCode = violation.closeCode();
            endReason = violation.reason();
        }
    }

    private SecurityEvent rateEvent(String key, String tier, GcraRule rule) {
        return handshake.event(events, EventType.RATE_LIMIT_VIOLATION, ThreatLevel.MEDIUM, Map.of(
                "key", key, "tier", tier, "limit", rule.limit(), "windowSeconds", rule.windowSeconds(),
                "action", "message dropped"));
    }

    private void emit(SecurityEvent event) {
        sink.emit(event);
    }

    private void emit(List<SecurityEvent> raised) {
        for (int i = 0; i < raised.size(); i++) {
            sink.emit(raised.get(i));
        }
    }
}
