package io.warden.benchmarks;

import io.warden.core.state.EventLog;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventPage;
import io.warden.rules.events.EventQuery;
import io.warden.rules.events.EventSink;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.json.JsonMappers;
import io.warden.rules.net.Cidr;
import io.warden.rules.time.Ticker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The first page (50 events) of a search over 1,000,000 stored events spread over 30 day files,
 * as the admin API asks for it. The log is written once, closed, and opened again, so the index
 * is the one rebuilt from the files at start (that rebuild's time is printed).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class EventSearchBenchmark {

    private static final int EVENTS = 1_000_000;
    private static final int DAYS = 30;
    private static final Instant NOW = Instant.parse("2026-06-30T23:00:00Z");
    private static final EventType[] COMMON = {EventType.RATE_LIMIT_VIOLATION, EventType.INJECTION_ATTEMPT,
        EventType.BOT_DETECTED, EventType.AUTHENTICATION_FAILURE, EventType.PROTOCOL_VIOLATION};

    private Path dir;
    private EventLog log;
    private EventQuery all;
    private EventQuery highLevel;
    private EventQuery rareType;
    private EventQuery network;
    private EventQuery text;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("warden-search-bench");
        InstantSource clock = InstantSource.fixed(NOW);
        EventFactory factory = new EventFactory(clock);
        EventLog writer = open(clock, factory);
        SplittableRandom random = new SplittableRandom(42);
        Instant start = NOW.minus(Duration.ofDays(DAYS - 1));
        long spacingMillis = Duration.ofDays(DAYS - 1).toMillis() / EVENTS;
        List<SecurityEvent> batch = new ArrayList<>(10_000);
        for (int i = 0; i < EVENTS; i++) {
            EventType type = i % 100_000 == 7 ? EventType.CONFIG_REJECTED : COMMON[random.nextInt(COMMON.length)];
            ThreatLevel level = random.nextInt(100) == 0 ? ThreatLevel.HIGH : ThreatLevel.LOW;
            String ip = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
            batch.add(new SecurityEvent(EventFactory.newId(), type, level, start.plusMillis(i * spacingMillis), ip,
                    "req-" + i, "default", Map.of("reason", "synthetic event " + i, "tier", "anonymous")));
            if (batch.size() == 10_000) {
                writer.onEvents(batch);
                batch.clear();
            }
        }
        writer.close();
        long began = System.nanoTime();
        log = open(clock, factory);
        System.out.printf("%nindex rebuilt from %d events in %d ms%n", log.count(),
                (System.nanoTime() - began) / 1_000_000);
        all = EventQuery.all(50);
        highLevel = new EventQuery(Set.of(), ThreatLevel.HIGH, null, null, null, null, null, 50);
        rareType = EventQuery.ofType(EventType.CONFIG_REJECTED, 50);
        network = new EventQuery(Set.of(), null, Cidr.parse("10.1.2.0/24"), null, null, null, null, 50);
        text = new EventQuery(Set.of(), null, null, null, null, null, "synthetic event 99999", 50);
    }

    private EventLog open(InstantSource clock, EventFactory factory) {
        return new EventLog(dir, 365, Duration.ofSeconds(1), clock, Ticker.system(), JsonMappers.standard(),
                EventSink.discarding(), factory);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        log.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** The newest 50, no filter. */
    @Benchmark
    public EventPage newest() {
        return log.search(all, null);
    }

    /** At least high: 1 event in 100. */
    @Benchmark
    public EventPage highLevel() {
        return log.search(highLevel, null);
    }

    /** A type 10 of the million events have: the whole index is scanned. */
    @Benchmark
    public EventPage rareType() {
        return log.search(rareType, null);
    }

    /** A /24 holding about 60 of the million: the whole index is scanned, few lines read. */
    @Benchmark
    public EventPage network() {
        return log.search(network, null);
    }

    /** Free text: every line is read and searched (the slow path, for comparison). */
    @Benchmark
    public EventPage text() {
        return log.search(text, null);
    }
}
