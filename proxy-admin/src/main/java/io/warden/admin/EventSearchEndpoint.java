package io.warden.admin;

import io.warden.rules.events.EventPage;
import io.warden.rules.events.EventQuery;
import io.warden.rules.events.EventStore;
import io.warden.rules.events.EventType;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.net.Cidr;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/security/events/search}: {@code type} (repeatable or comma-separated),
 * {@code level} (minimum), {@code ip} (address or CIDR), {@code since}/{@code until} (ISO-8601),
 * {@code request_id}, {@code q} (text), {@code limit} (1..1000, default 50), {@code cursor}.
 * Answers {@code {"events": [...], "next": cursor-or-null}}, newest first. A bad parameter is a
 * 400 naming it.
 */
final class EventSearchEndpoint implements AdminEndpoint {

    private static final Set<String> PARAMETERS = Set.of("type", "level", "ip", "since", "until", "request_id", "q",
            "limit", "cursor");
    private static final int MAX_TEXT = 200;

    private final EventStore store;
    private final Json json;

    EventSearchEndpoint(EventStore store, Json json) {
        this.store = store;
        this.json = json;
    }

    @Override
    public AdminResponse handle(AdminRequest request) throws AdminException {
        EventQuery query = parse(request);
        EventPage page;
        try {
            page = store.search(query, request.param("cursor"));
        } catch (IllegalArgumentException e) {
            throw new AdminException(400, "cursor: " + e.getMessage());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", page.events());
        body.put("next", page.next());
        return json.ok(body);
    }

    static EventQuery parse(AdminRequest request) throws AdminException {
        for (String name : request.query().keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new AdminException(400, "unknown parameter '" + name + "'; known: type, level, ip, since, "
                        + "until, request_id, q, limit, cursor");
            }
        }
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        for (String value : request.query().getOrDefault("type", List.of())) {
            for (String name : value.split(",")) {
                if (!name.isBlank()) {
                    types.add(parseEnum("type", name, EventType::parse));
                }
            }
        }
        String level = request.param("level");
        ThreatLevel minLevel = level == null ? null : parseEnum("level", level, ThreatLevel::parse);
        String ip = request.param("ip");
        Cidr network = null;
        if (ip != null) {
            try {
                network = Cidr.parse(ip);
            } catch (IllegalArgumentException e) {
                throw new AdminException(400, "ip must be an IP address or CIDR");
            }
        }
        Instant since = time("since", request.param("since"));
        Instant until = time("until", request.param("until"));
        if (since != null && until != null && !since.isBefore(until)) {
            throw new AdminException(400, "since must be before until");
        }
        String requestId = bounded("request_id", request.param("request_id"));
        String text = bounded("q", request.param("q"));
        int limit = EventQuery.DEFAULT_LIMIT;
        String limitText = request.param("limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText.trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > EventQuery.MAX_LIMIT) {
                throw new AdminException(400, "limit must be a number from 1 to " + EventQuery.MAX_LIMIT);
            }
        }
        return new EventQuery(types, minLevel, network, since, until, requestId, text, limit);
    }

    private static <T> T parseEnum(String parameter, String value, java.util.function.Function<String, T> parse)
            throws AdminException {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new AdminException(400, parameter + " '" + shorten(value) + "' is not known");
        }
    }

    private static Instant time(String parameter, String value) throws AdminException {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new AdminException(400, parameter + " must be an ISO-8601 time such as 2026-01-31T12:00:00Z");
        }
    }

    private static String bounded(String parameter, String value) throws AdminException {
        if (value != null && value.length() > MAX_TEXT) {
            throw new AdminException(400, parameter + " is longer than " + MAX_TEXT + " characters");
        }
        return value;
    }

    private static String shorten(String value) {
        String v = value.length() > 40 ? value.substring(0, 40) : value;
        return v.replaceAll("[^A-Za-z0-9_.:-]", "?");
    }
}
