package io.warden.core.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.rules.config.PostgresConfig;
import io.warden.rules.config.Redaction;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventSink;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.health.ComponentHealth;
import io.warden.rules.health.HealthStatus;
import io.warden.rules.net.IpAddresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The writing half of the PostgreSQL audit trail: never blocks the event bus. Events go into a
 * bounded queue that one thread ({@code warden-postgres}) drains in batches of {@code batchSize}, at
 * least every {@code flushInterval}, over its own connection, creating {@code security_events} (with
 * indexes on time, type and source address) if missing. PostgreSQL down: the events stay queued (up
 * to {@code maxQueued}; past it the oldest are dropped and counted) and are written, idempotently by
 * event id, when it returns — short outages are backfilled, longer ones reported as a count of lost
 * events (health, {@code dependency_restored}); every event is in the local event log either way.
 * Retention deletes rows older than {@code monitoring.retentionDays} once an hour.
 */
final class PostgresEventWriter implements EventSubscriber, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresEventWriter.class);
    private static final Duration RETENTION_EVERY = Duration.ofHours(1);

    private static final String SCHEMA = """
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

    private final PostgresConfig config;
    private final int retentionDays;
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
    private volatile boolean up;
    private volatile boolean everUp;
    private volatile String lastProblem = "not connected yet";
    private volatile boolean closing;
    private boolean reportedUnreachable;
    private long lastRetention;

    /** @param events where {@code dependency_down} and {@code dependency_restored} go */
    PostgresEventWriter(PostgresConfig config, int retentionDays, ObjectMapper json, InstantSource clock,
                        EventSink events, EventFactory factory) {
        this.config = config;
        this.retentionDays = retentionDays;
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
        PostgresConnections.closeQuietly(writeConnection);
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
            writeConnection = PostgresConnections.open(config);
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
        PostgresConnections.closeQuietly(writeConnection);
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
