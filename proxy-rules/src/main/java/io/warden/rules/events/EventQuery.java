package io.warden.rules.events;

import io.warden.rules.net.Cidr;
import io.warden.rules.net.IpAddresses;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What an operator searches the event log for; every part is optional and all given parts must
 * match.
 *
 * @param types event types, any of them; empty for all
 * @param minLevel the least severe level, or null
 * @param network the source address or network, or null
 * @param since inclusive, or null
 * @param until exclusive, or null
 * @param requestId exact request id, or null
 * @param text case-insensitive text anywhere in the stored event (details included), or null
 * @param limit how many events one page holds
 */
public record EventQuery(Set<EventType> types, ThreatLevel minLevel, Cidr network, Instant since, Instant until,
                         String requestId, String text, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    public EventQuery {
        types = types == null ? Set.of() : Set.copyOf(types);
        text = text == null || text.isBlank() ? null : text.toLowerCase(Locale.ROOT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", got " + limit);
        }
    }

    public static EventQuery all(int limit) {
        return new EventQuery(Set.of(), null, null, null, null, null, null, limit);
    }

    public static EventQuery ofType(EventType type, int limit) {
        return new EventQuery(Set.of(type), null, null, null, null, null, null, limit);
    }

    public EventQuery withSince(Instant from) {
        return new EventQuery(types, minLevel, network, from, until, requestId, text, limit);
    }

    /** Every structured part matches (the text is checked on the stored form, {@link #matchesText}). */
    public boolean matches(SecurityEvent e) {
        if (!types.isEmpty() && !types.contains(e.type())) {
            return false;
        }
        if (minLevel != null && !e.level().atLeast(minLevel)) {
            return false;
        }
        if (since != null && e.timestamp().isBefore(since)) {
            return false;
        }
        if (until != null && !e.timestamp().isBefore(until)) {
            return false;
        }
        if (requestId != null && !Objects.equals(requestId, e.requestId())) {
            return false;
        }
        if (network != null) {
            byte[] address = IpAddresses.toBytes(e.sourceIp());
            return address != null && network.contains(address);
        }
        return true;
    }

    /** @param storedLowerCase the event as stored, lower-cased */
    public boolean matchesText(String storedLowerCase) {
        return text == null || storedLowerCase.contains(text);
    }
}
