package io.warden.benchmarks;

import io.warden.core.state.EventBus;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.events.ThreatLevel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What emitting a security event costs the data plane: stamping it (id, time) and the bounded,
 * lock-free enqueue onto the event bus, whose thread drains it to a subscriber that does nothing
 * (the event log's cost is the bus thread's, not the event loop's). Run with {@code -t 2} to see
 * two event loops emitting at once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EventEmitBenchmark {

    private EventBus bus;
    private EventFactory factory;
    private SecurityEvent ready;

    @Setup
    public void setUp() {
        bus = new EventBus(65_536);
        bus.subscribe(batch -> { });
        factory = new EventFactory(Clock.systemUTC());
        ready = factory.create(EventType.RATE_LIMIT_VIOLATION, ThreatLevel.MEDIUM, "198.51.100.23", "req-1",
                "default", Map.of("tier", "anonymous", "limit", 100));
    }

    @TearDown
    public void tearDown() {
        bus.close();
    }

    /** Building the event as a check does, then emitting it. */
    @Benchmark
    public void createAndEmit() {
        bus.emit(factory.create(EventType.RATE_LIMIT_VIOLATION, ThreatLevel.MEDIUM, "198.51.100.23", "req-1",
                "default", Map.of("tier", "anonymous", "limit", 100)));
    }

    /** The enqueue alone. */
    @Benchmark
    public void emit() {
        bus.emit(ready);
    }
}
