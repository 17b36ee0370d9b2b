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
import io.warden.rules.health.HealthStatus;
import io.warden.rules.net.IpAddresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
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
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fleet-wide audit trail: every instance writes its security events to PostgreSQL's
 * {@code security_events} (created if missing, with indexes on time, type and source address), and
 * the admin API's search and compliance report read it there, so one query covers every instance.
 *
 * <p>Writing never blocks the event bus: events go into a bounded queue that one thread
 * ({@code warden-postgres}) drains in batches of {@code batchSize}, at least every
 * {@code flushInterval}, over its own connection. PostgreSQL down: the events stay queued (up to
 * {@code maxQueued}; past it the oldest are dropped and counted) and are written, idempotently by
 * event id, when it returns — short outages are backfilled, longer ones reported as a count of lost
 * events (health, {@code dependency_restored}); every event is in the local event log either way.
 * Reads fall back to the local event log while PostgreSQL cannot answer.
 *
 * <p>Reads run on the admin API's thread (never the data plane's), with a statement timeout.
 * Retention deletes rows older than {@code monitoring.retentionDays} once an hour.
 */
public final class PostgresEventStore implements EventStore, EventSubscriber, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresEventStore.class);
    private static final int QUERY_TIMEOUT_SECONDS = 10;
    private static final Duration RETENTION_EVERY = Duration.ofHours(1);
    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() { };

    static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS security_events (
                event_id     VARCHAR(64)  PRIMARY KEY,
                event_type   VARCHAR(50)  NOT NULL,
                threat_level VARCHAR(20)  NOT NULL,
                timestamp    TIMESTAMPTZ  NOT NULL,
                source_ip    INET,
                details      JSONB        NOT NULL DEFAULT '{}'::jsonb,
                created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
                request_id   VARCHAR(128),
                route        VARCHAR(200)
            );
            CREATE INDEX IF NOT EXISTS idx_security_events_timestamp ON security_events (timestamp);
            CREATE INDEX IF NOT EXISTS idx_security_events_type ON security_events (event_type);
            CREATE INDEX IF NOT EXISTS idx_security_events_source_ip ON security_events (source_ip);
            """;

    private static final String INSERT = "INSERT INTO security_events (event_id, event_type, threat_level, "
            + "timestamp, source_ip, details, request_id, route) VALUES (?, ?, ?, ?, ?::inet, ?::jsonb, ?, ?) "
            + "ON CONFLICT (event_id) DO NOTHING";
    private static final String COLUMNS = "event_id, event_type, threat_level, timestamp, host(source_ip) AS ip, "
            + "details::text AS details, request_id, route";

    private final PostgresConfig config;
    private final int retentionDays;
    private final EventStore local;
    private final ObjectMapper json;
    private final InstantSource clock;
    private final EventSink events;
    private final EventFactory factory;
    private final LinkedBlockingDeque<SecurityEvent> queue;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong lostSinceDown = new AtomicLong();
    private final Thread writer;
    private Connection writeConnection;
    private Connection readConnection;
    private volatile boolean up;
    private volatile boolean everUp;
    private volatile String lastProblem = "not connected yet";
    private volatile boolean closing;
    private boolean reportedUnreachable;
    private long lastRetention;

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
        this.events = events;
        this.factory = factory;
        this.queue = new LinkedBlockingDeque<>(config.maxQueued());
        this.writer = new Thread(this::run, "warden-postgres");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    @Override
    public void onEvents(List<SecurityEvent> batch) {
        for (SecurityEvent e : batch) {
            while (!queue.offerLast(e)) {
                if (queue.pollFirst() != null) {
                    lost.incrementAndGet();
                    lostSinceDown.incrementAndGet();
                }
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(writeConnection);
        synchronized (this) {
            closeQuietly(readConnection);
        }
    }

    /** Events written to PostgreSQL so far. */
    public long written() {
        return written.get();
    }

    /** Events dropped from the full queue (they are in the local event log only). */
    public long lost() {
        return lost.get();
    }

    public int queued() {
        return queue.size();
    }

    public boolean up() {
        return up;
    }

    public ComponentHealth health() {
        if (up) {
            return ComponentHealth.ok(written.get() + " events written, " + queue.size() + " queued, " + lost.get()
                    + " lost");
        }
        return new ComponentHealth(HealthStatus.DEGRADED, "PostgreSQL unreachable (" + lastProblem + "): "
                + queue.size() + " events queued for it, " + lost.get() + " lost; the local event log has them all");
    }

    private void run() {
        List<SecurityEvent> batch = new ArrayList<>(config.batchSize());
        long flushNanos = config.flushInterval().toNanos();
        while (true) {
            try {
                if (batch.isEmpty()) {
                    SecurityEvent first = queue.pollFirst(flushNanos, TimeUnit.NANOSECONDS);
                    if (first != null) {
                        batch.add(first);
                        queue.drainTo(batch, config.batchSize() - 1);
                    }
                }
                if (!batch.isEmpty()) {
                    write(batch);
                    batch.clear();
                }
                retentionTick();
                if (closing && queue.isEmpty()) {
                    return;
                }
            } catch (SQLException e) {
                lostConnection(e);
                if (closing) {
                    return;
                }
                sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void write(List<SecurityEvent> batch) throws SQLException {
        Connection c = writeConnection();
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (SecurityEvent e : batch) {
                insert.setString(1, e.eventId());
                insert.setString(2, e.type().wireName());
                insert.setString(3, e.level().wireName());
                insert.setTimestamp(4, Timestamp.from(e.timestamp()));
                if (e.sourceIp() == null || IpAddresses.toBytes(e.sourceIp()) == null) {
                    insert.setNull(5, Types.VARCHAR);
                } else {
                    insert.setString(5, e.sourceIp());
                }
                insert.setString(6, details(e));
                insert.setString(7, e.requestId());
                insert.setString(8, e.route());
                insert.addBatch();
            }
            insert.executeBatch();
            c.commit();
        } catch (SQLException ex) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is about to be dropped anyway
            }
            throw ex;
        }
        written.addAndGet(batch.size());
    }

    private String details(SecurityEvent e) {
        try {
            return json.writeValueAsString(e.details());
        } catch (JsonProcessingException ex) {
            return "{}";
        }
    }

    private Connection writeConnection() throws SQLException {
        if (writeConnection == null || writeConnection.isClosed()) {
            writeConnection = connect();
            writeConnection.setAutoCommit(false);
            try (Statement s = writeConnection.createStatement()) {
                for (String ddl : SCHEMA.split(";")) {
                    if (!ddl.isBlank()) {
                        s.execute(ddl);
                    }
                }
            }
            writeConnection.commit();
            boolean returned = everUp;
            everUp = true;
            up = true;
            long gap = lostSinceDown.getAndSet(0);
            LOG.info("PostgreSQL audit trail {} ({}); {} queued events being written, {} lost meanwhile",
                    returned ? "reachable again" : "connected", Redaction.url(config.url()), queue.size(), gap);
            if (returned) {
                events.emit(factory.create(EventType.DEPENDENCY_RESTORED, ThreatLevel.LOW, null, null, null,
                        Map.of("dependency", "postgres", "backfilled", queue.size(), "lost", gap)));
            }
        }
        return writeConnection;
    }

    private void lostConnection(SQLException e) {
        String problem = e.getClass().getSimpleName() + ": " + Redaction.url(String.valueOf(e.getMessage()));
        lastProblem = problem;
        closeQuietly(writeConnection);
        writeConnection = null;
        boolean wasUp = up;
        up = false;
        if (wasUp || !everUp && !reportedUnreachable) {
            reportedUnreachable = true;
            LOG.warn("PostgreSQL audit trail unreachable ({}): events queue for it and stay in the local log",
                    problem);
            events.emit(factory.create(EventType.DEPENDENCY_DOWN, ThreatLevel.HIGH, null, null, null,
                    Map.of("dependency", "postgres", "problem", problem)));
        }
    }

    private Connection connect() throws SQLException {
        Properties p = new Properties();
        if (config.user() != null) {
            p.setProperty("user", config.user());
        }
        if (config.password() != null) {
            p.setProperty("password", config.password());
        }
        p.setProperty("connectTimeout", "5");
        p.setProperty("socketTimeout", "30");
        p.setProperty("ApplicationName", "warden");
        return DriverManager.getConnection(config.url(), p);
    }

    private void retentionTick() throws SQLException {
        long now = clock.millis();
        if (now - lastRetention < RETENTION_EVERY.toMillis() || writeConnection == null) {
            return;
        }
        lastRetention = now;
        try (PreparedStatement delete = writeConnection.prepareStatement(
                "DELETE FROM security_events WHERE timestamp < ?")) {
            delete.setTimestamp(1, Timestamp.from(clock.instant().minus(retentionDays, ChronoUnit.DAYS)));
            int deleted = delete.executeUpdate();
            writeConnection.commit();
            if (deleted > 0) {
                LOG.info("retention: deleted {} security events older than {} days", deleted, retentionDays);
            }
        }
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

    // reads, on the admin API's thread

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
                    return new RetentionStatus(retentionDays, oldestDay, (int) days, r.getLong(3), r.getLong(1), up,
                            lost.get());
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
            readConnection = connect();
        }
        return readConnection;
    }

    private void readFailed(SQLException e) {
        LOG.warn("PostgreSQL read failed, answering from the local event log: {}",
                Redaction.url(String.valueOf(e.getMessage())));
        synchronized (this) {
            closeQuietly(readConnection);
            readConnection = null;
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing a broken connection
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
