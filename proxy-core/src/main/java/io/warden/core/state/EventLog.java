package io.warden.core.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.warden.rules.time.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The embedded event store: append-only JSON Lines, one file per day (UTC) named
 * {@code events-YYYY-MM-DD.jsonl}, with an in-memory index per day rebuilt from the files at start.
 *
 * <p><b>Writing</b> happens on the event bus thread, one write per batch, never on the data plane.
 * The file is forced to disk every {@code fsyncInterval}. What a crash can lose: a process crash
 * loses the events still in the bus queue and the batch being written (the bus drains every few
 * milliseconds, so normally a few milliseconds' worth, at most one queue); a machine crash also
 * loses what was written but not yet forced, at most {@code fsyncInterval}. A graceful stop
 * loses nothing: the bus delivers its queue, then this forces and closes.
 *
 * <p><b>When writing fails</b> (directory gone or unwritable, disk full) Warden keeps serving:
 * up to {@value #MAX_PENDING} events wait in memory (past that they are counted as lost), health
 * says degraded, a {@code dependency_down} event is raised once, and every second the write is
 * tried again; when it succeeds the waiting events are written and {@code dependency_restored}
 * is raised.
 *
 * <p><b>Searching</b> ({@link EventLogReader}) walks the indexes newest first and reads from disk
 * only the lines whose indexed facts (time, type, level, address, request id) match, so a first
 * page costs a scan of primitive arrays plus a page of positional reads. A text query reads every
 * candidate line. Order is the order written, newest first.
 */
public final class EventLog implements EventSubscriber, EventStore {

    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);
    static final int MAX_PENDING = 100_000;
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Duration RETENTION_CHECK = Duration.ofHours(1);
    private static final String PREFIX = "events-";
    private static final String SUFFIX = ".jsonl";

    private final Path dir;
    private final int retentionDays;
    private final long fsyncNanos;
    private final InstantSource clock;
    private final Ticker ticker;
    private final ObjectMapper json;
    private final EventSink sink;
    private final EventFactory events;
    private final ConcurrentSkipListMap<LocalDate, DaySegment> days = new ConcurrentSkipListMap<>();
    private final EventLogReader reader;
    private final ArrayDeque<SecurityEvent> pending = new ArrayDeque<>();
    private final LongAdder written = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final LongAdder writeFailures = new LongAdder();
    private volatile String failure;
    private long retryAt;
    private long lastForce;
    private boolean unforced;
    private Instant nextRetention = Instant.MIN;

    /**
     * Opens the log, indexing the day files already there; never fails for an unusable directory:
     * it starts degraded instead and keeps trying.
     *
     * @param sink where the log's own events (write failing, restored) go
     */
    public EventLog(Path dir, int retentionDays, Duration fsyncInterval, InstantSource clock, Ticker ticker,
                    ObjectMapper json, EventSink sink, EventFactory events) {
        this.dir = dir;
        this.retentionDays = retentionDays;
        this.fsyncNanos = fsyncInterval.toNanos();
        this.clock = clock;
        this.ticker = ticker;
        this.json = json;
        this.sink = sink;
        this.events = events;
        this.reader = new EventLogReader(days, json);
        this.lastForce = ticker.nanos();
        try {
            Files.createDirectories(dir);
            load();
        } catch (IOException | UncheckedIOException e) {
            failed(e, List.of());
        }
        enforceRetention();
    }

    private void load() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path file : files) {
                LocalDate day = dayOf(file);
                if (day != null) {
                    days.put(day, DaySegment.create(day, file));
                }
            }
        }
        LOG.info("event log {}: {} day files, {} events", dir, days.size(), count());
    }

    // ---- writing (event bus thread) -------------------------------------------------------------

    @Override
    public void onEvents(List<SecurityEvent> batch) {
        if (failure != null) {
            queue(batch);
            if (ticker.nanos() - retryAt >= 0) {
                retry();
            }
            return;
        }
        try {
            write(batch);
        } catch (IOException | UncheckedIOException e) {
            failed(e, batch);
        }
    }

    @Override
    public void tick() {
        if (failure != null && ticker.nanos() - retryAt >= 0) {
            retry();
        }
        if (unforced && ticker.nanos() - lastForce >= fsyncNanos) {
            force();
        }
        if (!clock.instant().isBefore(nextRetention)) {
            enforceRetention();
        }
    }

    /** Writes out and forces everything; the bus calls it after delivering its last batch. */
    @Override
    public void close() {
        if (failure != null) {
            retry();
        }
        force();
        days.values().forEach(DaySegment::close);
        if (!pending.isEmpty()) {
            LOG.error("event log {} unwritable at stop: {} events lost ({})", dir, pending.size(), failure);
            lost.add(pending.size());
        }
    }

    private void retry() {
        List<SecurityEvent> waiting = new ArrayList<>(pending);
        pending.clear();
        String was = failure;
        try {
            Files.createDirectories(dir);
            write(waiting);
        } catch (IOException | UncheckedIOException e) {
            failed(e, waiting);
            return;
        }
        failure = null;
        LOG.warn("event log {} writable again ({} waiting events written); it failed with: {}", dir,
                waiting.size(), was);
        sink.emit(events.create(EventType.DEPENDENCY_RESTORED, ThreatLevel.MEDIUM, null, null, null,
                Map.of("component", "event_log", "written", waiting.size())));
    }

    private void write(List<SecurityEvent> batch) throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        Map<LocalDate, List<SecurityEvent>> byDay = new TreeMap<>();
        for (SecurityEvent e : batch) {
            byDay.computeIfAbsent(dayOf(e.timestamp()), d -> new ArrayList<>()).add(e);
        }
        List<SecurityEvent> notWritten = new ArrayList<>();
        IOException failedWith = null;
        for (Map.Entry<LocalDate, List<SecurityEvent>> group : byDay.entrySet()) {
            if (failedWith != null) {
                notWritten.addAll(group.getValue());
                continue;
            }
            try {
                append(group.getKey(), group.getValue());
            } catch (IOException e) {
                failedWith = e;
                notWritten.addAll(group.getValue());
            }
        }
        if (failedWith != null) {
            throw new PartialWrite(failedWith, notWritten);
        }
    }

    private void append(LocalDate day, List<SecurityEvent> group) throws IOException {
        DaySegment segment = days.get(day);
        if (segment == null) {
            segment = DaySegment.create(day, dir.resolve(PREFIX + day + SUFFIX));
            days.put(day, segment);
        }
        List<byte[]> lines = new ArrayList<>(group.size());
        int total = 0;
        for (SecurityEvent e : group) {
            byte[] line = encode(e);
            lines.add(line);
            total += line.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(total);
        List<DayIndex.Entry> entries = new ArrayList<>(group.size());
        long offset = segment.size();
        for (int i = 0; i < lines.size(); i++) {
            SecurityEvent e = group.get(i);
            byte[] line = lines.get(i);
            buffer.put(line);
            entries.add(new DayIndex.Entry(offset, line.length, segment.millisOfDay(e.timestamp()), e.type(),
                    e.level(), AddressKeys.of(e.sourceIp()), e.requestId() == null ? 0 : e.requestId().hashCode(),
                    e.eventId().hashCode()));
            offset += line.length;
        }
        buffer.flip();
        segment.append(buffer, entries);
        written.add(group.size());
        unforced = true;
    }

    private byte[] encode(SecurityEvent e) {
        try {
            byte[] body = json.writeValueAsBytes(e);
            byte[] line = new byte[body.length + 1];
            System.arraycopy(body, 0, line, 0, body.length);
            line[body.length] = '\n';
            return line;
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a security event is not serialisable", impossible);
        }
    }

    private void failed(Exception e, List<SecurityEvent> batch) {
        List<SecurityEvent> notWritten = e instanceof PartialWrite partial ? partial.notWritten : batch;
        Throwable cause = e instanceof PartialWrite partial ? partial.getCause() : e;
        writeFailures.increment();
        queue(notWritten);
        retryAt = ticker.nanos() + RETRY_NANOS;
        boolean first = failure == null;
        failure = describe(cause);
        if (first) {
            LOG.error("event log {} cannot be written, serving on and retrying every second: {}", dir, failure);
            sink.emit(events.create(EventType.DEPENDENCY_DOWN, ThreatLevel.HIGH, null, null, null,
                    Map.of("component", "event_log", "reason", failure)));
        }
    }

    private void queue(List<SecurityEvent> batch) {
        for (SecurityEvent e : batch) {
            if (pending.size() >= MAX_PENDING) {
                lost.increment();
            } else {
                pending.addLast(e);
            }
        }
    }

    private void force() {
        unforced = false;
        lastForce = ticker.nanos();
        for (DaySegment segment : days.tailMap(today().minusDays(1)).values()) {
            try {
                segment.force();
            } catch (IOException e) {
                LOG.warn("cannot force event file {}: {}", segment.path().getFileName(), describe(e));
            }
        }
    }

    /** Deletes the day files past retention: a day goes once all of it is older than {@code retentionDays}. */
    public void enforceRetention() {
        nextRetention = clock.instant().plus(RETENTION_CHECK);
        LocalDate oldestKept = today().minusDays(retentionDays);
        for (DaySegment segment : new ArrayList<>(days.headMap(oldestKept).values())) {
            days.remove(segment.day());
            segment.close();
            try {
                Files.deleteIfExists(segment.path());
                LOG.info("event log: deleted {} (retention {} days)", segment.path().getFileName(), retentionDays);
            } catch (IOException e) {
                LOG.warn("event log: cannot delete {}: {}", segment.path().getFileName(), describe(e));
            }
        }
    }

    // ---- reading (any thread), in EventLogReader ----------------------------------------------

    @Override
    public EventPage search(EventQuery query, String cursor) {
        return reader.search(query, cursor);
    }

    @Override
    public Optional<SecurityEvent> find(String eventId) {
        return reader.find(eventId);
    }

    @Override
    public List<DayCounts> dailyCounts(LocalDate from, LocalDate to) {
        return reader.dailyCounts(from, to);
    }

    @Override
    public RetentionStatus retention() {
        long bytes = 0;
        for (DaySegment segment : days.values()) {
            bytes += segment.size();
        }
        return new RetentionStatus(retentionDays, days.isEmpty() ? null : days.firstKey(), days.size(), bytes,
                count(), failure == null, lost.sum());
    }

    // ---- state for health and metrics ------------------------------------------------------------

    public ComponentHealth health() {
        String why = failure;
        if (why != null) {
            return new ComponentHealth(HealthStatus.DEGRADED, "cannot write " + dir + ": " + why + "; "
                    + pending.size() + " events waiting, " + lost.sum() + " lost");
        }
        return ComponentHealth.ok(written.sum() + " events written since start, " + days.size() + " day files");
    }

    public boolean writable() {
        return failure == null;
    }

    public long written() {
        return written.sum();
    }

    public long lost() {
        return lost.sum();
    }

    public long writeFailures() {
        return writeFailures.sum();
    }

    /** Events held, all days together. */
    public long count() {
        long n = 0;
        for (DaySegment segment : days.values()) {
            n += segment.index().count();
        }
        return n;
    }

    public Path directory() {
        return dir;
    }

    private LocalDate today() {
        return dayOf(clock.instant());
    }

    static LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private static LocalDate dayOf(Path file) {
        String name = file.getFileName().toString();
        try {
            return LocalDate.parse(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
        } catch (DateTimeParseException | IndexOutOfBoundsException notOurs) {
            return null;
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Some day groups of a batch were written, others not. */
    private static final class PartialWrite extends IOException {
        private final transient List<SecurityEvent> notWritten;

        PartialWrite(IOException cause, List<SecurityEvent> notWritten) {
            super(cause.getMessage(), cause);
            this.notWritten = notWritten;
        }
    }
}
