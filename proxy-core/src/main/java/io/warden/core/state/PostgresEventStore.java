package io.warden.core.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.rules.config.PostgresConfig;
import io.warden.rules.config.Redaction;
import io.warden.rules.events.DayCounts;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventPage;
import io.warden.rules.events.EventQuery;
import io.warden.rules.events.EventSink;
import io.warden.rules.events.EventStore;
import io.warden.rules.events.EventType;
import io.warden.rules.events.RetentionStatus;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.health.ComponentHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The fleet-wide audit trail: every instance writes its security events to PostgreSQL's
 * {@code security_events} ({@link PostgresEventWriter}), and the admin API's search and compliance
 * report read them here, so one query covers every instance. Reads run on the admin API's thread
 * (never the data plane's), with a statement timeout, and fall back to the local event log while
 * PostgreSQL cannot answer.
 */
public final class PostgresEventStore implements EventStore, EventSubscriber, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresEventStore.class);
    private static final int QUERY_TIMEOUT_SECONDS = 10;
    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() { };
    private static final String COLUMNS = "event_id, event_type, threat_level, timestamp, host(source_ip) AS ip, "
            + "details::text AS details, request_id, route";

    private final PostgresConfig config;
    private final int retentionDays;
    private final EventStore local;
    private final ObjectMapper json;
    private final InstantSource clock;
    private final PostgresEventWriter writer;
    private Connection readConnection;

    /**
     * @param local the local event log, answering reads while PostgreSQL cannot
     * @param events where {@code dependency_down} and {@code dependency_restored} go
     */
    public PostgresEventStore(PostgresConfig config, int retentionDays, EventStore local, ObjectMapper json,
                              InstantSource clock, EventSink events, EventFactory factory) {
        this.config = config;
        this.retentionDays = retentionDays;
        this.local = local;
        this.json = json;
        this.clock = clock;
        this.writer = new PostgresEventWriter(config, retentionDays, json, clock, events, factory);
    }

    @Override
    public void onEvents(List<SecurityEvent> batch) {
        writer.onEvents(batch);
    }

    @Override
    public void close() {
        writer.close();
        synchronized (this) {
            PostgresConnections.closeQuietly(readConnection);
        }
    }

    /** Events written to PostgreSQL so far. */
    public long written() {
        return writer.written();
    }

    /** Events dropped from the full queue (they are in the local event log only). */
    public long lost() {
        return writer.lost();
    }

    public int queued() {
        return writer.queued();
    }

    public boolean up() {
        return writer.up();
    }

    public ComponentHealth health() {
        return writer.health();
    }

    /** Deletes rows past retention now (tests, operators' tools); the writer does it hourly. */
    public int applyRetention() throws SQLException {
        synchronized (this) {
            try (PreparedStatement delete = readConnection().prepareStatement(
                    "DELETE FROM security_events WHERE timestamp < ?")) {
                delete.setTimestamp(1, Timestamp.from(clock.instant().minus(retentionDays, ChronoUnit.DAYS)));
                return delete.executeUpdate();
            }
        }
    }

    @Override
    public EventPage search(EventQuery query, String cursor) {
        Cursor from = Cursor.parse(cursor);
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM security_events WHERE true");
        List<Object> args = new ArrayList<>();
        if (!query.types().isEmpty()) {
            sql.append(" AND event_type = ANY (?)");
            args.add(query.types().stream().map(EventType::wireName).toArray(String[]::new));
        }
        if (query.minLevel() != null) {
            List<String> levels = new ArrayList<>();
            for (ThreatLevel l : ThreatLevel.values()) {
                if (l.atLeast(query.minLevel())) {
                    levels.add(l.wireName());
                }
            }
            sql.append(" AND threat_level = ANY (?)");
            args.add(levels.toArray(String[]::new));
        }
        if (query.network() != null) {
            sql.append(" AND source_ip <<= ?::inet");
            args.add(query.network().toString());
        }
        if (query.since() != null) {
            sql.append(" AND timestamp >= ?");
            args.add(Timestamp.from(query.since()));
        }
        if (query.until() != null) {
            sql.append(" AND timestamp < ?");
            args.add(Timestamp.from(query.until()));
        }
        if (query.requestId() != null) {
            sql.append(" AND request_id = ?");
            args.add(query.requestId());
        }
        if (query.text() != null) {
            sql.append(" AND (event_type || ' ' || threat_level || ' ' || coalesce(host(source_ip), '') || ' '"
                    + " || coalesce(request_id, '') || ' ' || coalesce(route, '') || ' ' || details::text)"
                    + " ILIKE ? ESCAPE '\\'");
            args.add("%" + query.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (from != null) {
            sql.append(" AND (timestamp, event_id) < (?, ?)");
            args.add(Timestamp.from(from.timestamp()));
            args.add(from.eventId());
        }
        sql.append(" ORDER BY timestamp DESC, event_id DESC LIMIT ").append(query.limit() + 1);
        try {
            List<SecurityEvent> found = query(sql.toString(), args);
            String next = null;
            if (found.size() > query.limit()) {
                found = found.subList(0, query.limit());
                SecurityEvent last = found.get(found.size() - 1);
                next = new Cursor(last.timestamp(), last.eventId()).toString();
            }
            return new EventPage(found, next);
        } catch (SQLException e) {
            readFailed(e);
            return cursor == null ? local.search(query, null) : new EventPage(List.of(), null);
        }
    }

    @Override
    public Optional<SecurityEvent> find(String eventId) {
        try {
            List<SecurityEvent> found = query("SELECT " + COLUMNS + " FROM security_events WHERE event_id = ?",
                    List.of(eventId));
            return found.stream().findFirst();
        } catch (SQLException e) {
            readFailed(e);
            return local.find(eventId);
        }
    }

    @Override
    public List<DayCounts> dailyCounts(LocalDate from, LocalDate to) {
        String sql = "SELECT (timestamp AT TIME ZONE 'UTC')::date AS day, event_type, threat_level, count(*) AS n"
                + " FROM security_events WHERE timestamp >= ? AND timestamp < ? GROUP BY 1, 2, 3 ORDER BY 1";
        synchronized (this) {
            try (PreparedStatement s = readConnection().prepareStatement(sql)) {
                s.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                s.setTimestamp(1, Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()));
                s.setTimestamp(2, Timestamp.from(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
                Map<LocalDate, Map<String, Long>> byType = new TreeMap<>();
                Map<LocalDate, Map<String, Long>> byLevel = new TreeMap<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        LocalDate day = r.getObject("day", LocalDate.class);
                        long n = r.getLong("n");
                        byType.computeIfAbsent(day, d -> new LinkedHashMap<>()).merge(r.getString("event_type"), n,
                                Long::sum);
                        byLevel.computeIfAbsent(day, d -> new LinkedHashMap<>()).merge(r.getString("threat_level"),
                                n, Long::sum);
                    }
                }
                List<DayCounts> out = new ArrayList<>();
                byType.forEach((day, types) -> out.add(new DayCounts(day,
                        types.values().stream().mapToLong(Long::longValue).sum(), types, byLevel.get(day))));
                return out;
            } catch (SQLException e) {
                readFailed(e);
                return local.dailyCounts(from, to);
            }
        }
    }

    @Override
    public RetentionStatus retention() {
        synchronized (this) {
            try (Statement s = readConnection().createStatement()) {
                s.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                try (ResultSet r = s.executeQuery("SELECT count(*), min(timestamp),"
                        + " pg_total_relation_size('security_events') FROM security_events")) {
                    r.next();
                    Timestamp oldest = r.getTimestamp(2);
                    LocalDate oldestDay = oldest == null ? null : oldest.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
                    long days = oldestDay == null ? 0
                            : ChronoUnit.DAYS.between(oldestDay, clock.instant().atZone(ZoneOffset.UTC).toLocalDate()) + 1;
                    return new RetentionStatus(retentionDays, oldestDay, (int) days, r.getLong(3), r.getLong(1),
                            writer.up(), writer.lost());
                }
            } catch (SQLException e) {
                readFailed(e);
                return local.retention();
            }
        }
    }

    private List<SecurityEvent> query(String sql, List<Object> args) throws SQLException {
        synchronized (this) {
            Connection c = readConnection();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                for (int i = 0; i < args.size(); i++) {
                    Object a = args.get(i);
                    if (a instanceof String[] array) {
                        s.setArray(i + 1, c.createArrayOf("varchar", array));
                    } else {
                        s.setObject(i + 1, a);
                    }
                }
                List<SecurityEvent> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(event(r));
                    }
                }
                return out;
            }
        }
    }

    private SecurityEvent event(ResultSet r) throws SQLException {
        Map<String, Object> details;
        try {
            details = json.readValue(r.getString("details"), DETAILS);
        } catch (JsonProcessingException e) {
            details = Map.of();
        }
        return new SecurityEvent(r.getString("event_id"), EventType.parse(r.getString("event_type")),
                ThreatLevel.parse(r.getString("threat_level")), r.getTimestamp("timestamp").toInstant(),
                r.getString("ip"), r.getString("request_id"), r.getString("route"), details);
    }

    private Connection readConnection() throws SQLException {
        if (readConnection == null || readConnection.isClosed()) {
            readConnection = PostgresConnections.open(config);
        }
        return readConnection;
    }

    private void readFailed(SQLException e) {
        LOG.warn("PostgreSQL read failed, answering from the local event log: {}",
                Redaction.url(String.valueOf(e.getMessage())));
        synchronized (this) {
            PostgresConnections.closeQuietly(readConnection);
            readConnection = null;
        }
    }

    /** Keyset position: the last event of the previous page. */
    private record Cursor(Instant timestamp, String eventId) {

        static Cursor parse(String text) {
            if (text == null) {
                return null;
            }
            int bar = text.indexOf('|');
            try {
                return new Cursor(Instant.parse(text.substring(0, bar)), text.substring(bar + 1));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a cursor of this store: '" + text + "'");
            }
        }

        @Override
        public String toString() {
            return timestamp + "|" + eventId;
        }
    }
}
