package io.warden.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventSink;
import io.warden.rules.events.EventStore;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.monitor.BlockControl;
import io.warden.rules.monitor.TokenRevocation;
import io.warden.rules.net.IpAddresses;
import io.warden.rules.ratelimit.block.BlockRecord;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code POST /api/security/threat-response} with
 * {@code {"action": ..., "target": ..., "reason": ..., "duration_minutes": 60}}:
 * <ul>
 *   <li>{@code block_ip}: block the address for the duration (default 60 minutes);</li>
 *   <li>{@code unblock_ip}: lift its block;</li>
 *   <li>{@code escalate}: target an event id: a {@code threat_escalated} event at the event's level
 *       raised (at least high, so it alerts), and its source blocked for the duration;</li>
 *   <li>{@code revoke_token}: target a token id ({@code jti}), refused from now on.</li>
 * </ul>
 * Every call, done or refused, is an audited {@code admin_action} event. Bad input is a 400 that
 * says what is wrong.
 */
final class ThreatResponseEndpoint implements AdminEndpoint {

    private static final int DEFAULT_MINUTES = 60;
    private static final int MAX_MINUTES = 366 * 24 * 60;
    private static final int MAX_REASON = 500;
    private static final Pattern EVENT_ID = Pattern.compile("[0-9a-fA-F-]{1,64}");
    private static final Pattern TOKEN_ID = Pattern.compile("[\\x21-\\x7e]{1,200}");

    private final BlockControl blocks;
    private final TokenRevocation revocations;
    private final EventStore store;
    private final EventSink events;
    private final EventFactory factory;
    private final AdminAudit audit;
    private final Json json;

    ThreatResponseEndpoint(BlockControl blocks, TokenRevocation revocations, EventStore store, EventSink events,
                           EventFactory factory, Json json) {
        this.blocks = blocks;
        this.revocations = revocations;
        this.store = store;
        this.events = events;
        this.factory = factory;
        this.audit = new AdminAudit(events, factory);
        this.json = json;
    }

    private record Command(String action, String target, String reason, Duration duration) {
    }

    @Override
    public AdminResponse handle(AdminRequest request) throws AdminException {
        Command command;
        try {
            command = parse(request.body());
        } catch (AdminException e) {
            audit.record(request, "threat-response", null, null, "refused: " + e.getMessage());
            throw e;
        }
        try {
            Map<String, Object> result = switch (command.action()) {
                case "block_ip" -> block(request, command);
                case "unblock_ip" -> unblock(request, command);
                case "escalate" -> escalate(request, command);
                default -> revoke(command);
            };
            SecurityEvent audited = audit.record(request, command.action(), command.target(), command.reason(),
                    String.valueOf(result.get("outcome")));
            result.put("audit_event_id", audited.eventId());
            return json.ok(result);
        } catch (AdminException e) {
            audit.record(request, command.action(), command.target(), command.reason(), "refused: " + e.getMessage());
            throw e;
        }
    }

    private Map<String, Object> block(AdminRequest request, Command c) {
        BlockRecord record = blocks.block(c.target(), c.duration(), c.reason(), actor(request));
        Map<String, Object> out = result(c, "blocked");
        out.put("block", record);
        return out;
    }

    private Map<String, Object> unblock(AdminRequest request, Command c) {
        Optional<BlockRecord> lifted = blocks.unblock(c.target(), actor(request));
        Map<String, Object> out = result(c, lifted.isPresent() ? "unblocked" : "was not blocked");
        lifted.ifPresent(r -> out.put("block", r));
        return out;
    }

    private Map<String, Object> escalate(AdminRequest request, Command c) throws AdminException {
        SecurityEvent original = store.find(c.target())
                .orElseThrow(() -> new AdminException(404, "no stored event with that event_id"));
        ThreatLevel raised = original.level().raised();
        if (!raised.atLeast(ThreatLevel.HIGH)) {
            raised = ThreatLevel.HIGH;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", c.reason() == null ? "escalated by an operator" : c.reason());
        details.put("escalated_event_id", original.eventId());
        details.put("escalated_event_type", original.type().wireName());
        details.put("original_level", original.level().wireName());
        details.put("actor", actor(request));
        Map<String, Object> out = result(c, "escalated");
        if (original.sourceIp() != null && IpAddresses.toBytes(original.sourceIp()) != null) {
            BlockRecord record = blocks.block(original.sourceIp(), c.duration(),
                    c.reason() == null ? "escalated event " + original.eventId() : c.reason(), actor(request));
            details.put("blocked_until", record.until().toString());
            out.put("block", record);
        }
        SecurityEvent escalation = factory.create(EventType.THREAT_ESCALATED, raised, original.sourceIp(),
                original.requestId(), original.route(), details);
        events.emit(escalation);
        out.put("level", raised);
        out.put("escalation_event_id", escalation.eventId());
        return out;
    }

    private Map<String, Object> revoke(Command c) {
        revocations.revoke(c.target());
        events.emit(factory.create(EventType.TOKEN_REVOKED, ThreatLevel.MEDIUM, null, null, "admin",
                Map.of("jti", c.target(), "reason", c.reason() == null ? "revoked by an operator" : c.reason())));
        return result(c, "revoked");
    }

    private static Map<String, Object> result(Command c, String outcome) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("action", c.action());
        out.put("target", c.target());
        out.put("outcome", outcome);
        return out;
    }

    private static String actor(AdminRequest request) {
        return request.actor() == null ? "admin" : request.actor();
    }

    private Command parse(byte[] body) throws AdminException {
        JsonNode root;
        try {
            root = body.length == 0 ? null : json.mapper().readTree(body);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw new AdminException(400, "body must be a JSON object with action and target");
        }
        for (var names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("action") && !name.equals("target") && !name.equals("reason")
                    && !name.equals("duration_minutes")) {
                throw new AdminException(400, "unknown field '" + (name.length() > 40 ? name.substring(0, 40) : name)
                        + "'; known: action, target, reason, duration_minutes");
            }
        }
        String action = text(root, "action");
        if (action == null || !action.matches("block_ip|unblock_ip|escalate|revoke_token")) {
            throw new AdminException(400, "action must be one of block_ip, unblock_ip, escalate, revoke_token");
        }
        String target = text(root, "target");
        if (target == null || target.isBlank()) {
            throw new AdminException(400, "target is required");
        }
        target = target.trim();
        switch (action) {
            case "block_ip", "unblock_ip" -> {
                if (target.indexOf('/') >= 0 || IpAddresses.toBytes(target) == null) {
                    throw new AdminException(400, "target must be an IP address");
                }
            }
            case "escalate" -> {
                if (!EVENT_ID.matcher(target).matches()) {
                    throw new AdminException(400, "target must be an event_id");
                }
            }
            default -> {
                if (!TOKEN_ID.matcher(target).matches()) {
                    throw new AdminException(400, "target must be a token id (jti) of printable characters");
                }
            }
        }
        String reason = text(root, "reason");
        if (reason != null && reason.length() > MAX_REASON) {
            throw new AdminException(400, "reason is longer than " + MAX_REASON + " characters");
        }
        if (reason != null && reason.isBlank()) {
            reason = null;
        }
        JsonNode minutes = root.get("duration_minutes");
        int duration = DEFAULT_MINUTES;
        if (minutes != null && !minutes.isNull()) {
            if (!minutes.isIntegralNumber() || minutes.asLong() < 1 || minutes.asLong() > MAX_MINUTES) {
                throw new AdminException(400, "duration_minutes must be a whole number from 1 to " + MAX_MINUTES);
            }
            duration = minutes.asInt();
        }
        return new Command(action, target, reason, Duration.ofMinutes(duration));
    }

    private static String text(JsonNode root, String field) throws AdminException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new AdminException(400, field + " must be a string");
        }
        return node.asText();
    }
}
