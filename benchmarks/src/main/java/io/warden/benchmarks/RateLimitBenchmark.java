package io.warden.benchmarks;

import io.warden.rules.config.BlockingConfig;
import io.warden.rules.config.RateLimitConfig;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventSink;
import io.warden.rules.net.ClientAddress;
import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.HeaderView;
import io.warden.rules.pipeline.RequestCheck;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.ratelimit.CaffeineLimiterStore;
import io.warden.rules.ratelimit.GcraRule;
import io.warden.rules.ratelimit.RateLimitProbe;
import io.warden.rules.ratelimit.RateLimiter;
import io.warden.rules.ratelimit.RateLimiting;
import io.warden.rules.route.RoutePolicy;
import io.warden.rules.time.Ticker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Limiter decisions: one existing key on one thread (allowed, so every decision is a CAS; and
 * denied), two threads over 10,000 keys, and the whole rate-limit check on a request.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar RateLimit -f 1 -wi 3 -i 5 -w 1 -r 1}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RateLimitBenchmark {

    private static final int KEYS = 10_000;

    @State(Scope.Benchmark)
    public static class Limiter {
        final RateLimiter limiter = new RateLimiter(new CaffeineLimiterStore(100_000), Ticker.system());
        /** So generous that every decision is admitted and writes the key's state. */
        final GcraRule open = GcraRule.of(1_000_000_000, Duration.ofSeconds(1), 1_000_000_000);
        /** The anonymous tier: after its burst, every decision is a denial that writes nothing. */
        final GcraRule anonymous = GcraRule.of(100, Duration.ofMinutes(1), 100);
        final String[] keys = new String[KEYS];

        @Setup
        public void setUp() {
            for (int i = 0; i < KEYS; i++) {
                keys[i] = "anonymous|198.51." + (i >> 8) + "." + (i & 255);
                limiter.tryAcquire(keys[i], open);
            }
        }
    }

    @State(Scope.Thread)
    public static class Cursor {
        int next;

        @Setup(Level.Iteration)
        public void setUp() {
            next = (int) (Thread.currentThread().getId() * 7919 % KEYS);
        }

        String key(Limiter l) {
            next = (next + 7) % KEYS;
            return l.keys[next];
        }
    }

    @Benchmark
    public RateLimitProbe existingKeyAllowed(Limiter l) {
        return l.limiter.tryAcquire(l.keys[0], l.open);
    }

    @Benchmark
    public RateLimitProbe existingKeyDenied(Limiter l) {
        return l.limiter.tryAcquire(l.keys[1], l.anonymous);
    }

    @Benchmark
    @Threads(2)
    public RateLimitProbe contendedTwoThreadsTenThousandKeys(Limiter l, Cursor c) {
        return l.limiter.tryAcquire(c.key(l), l.open);
    }

    @State(Scope.Thread)
    public static class Check {
        RequestCheck check;
        RequestContext request;

        @Setup
        public void setUp() throws Exception {
            RateLimitConfig d = RateLimitConfig.defaults();
            RateLimitConfig generous = new RateLimitConfig(1_000_000_000, 1_000_000_000, List.of(), null, null,
                    d.mode(), 64, d.headers(), d.maxTrackedKeys(), d.bots(), d.streams(), d.costBudget());
            RateLimiting limits = new RateLimiting(generous, BlockingConfig.defaults(), List.of("/api/auth/login"), 5,
                    Ticker.system(), Clock.systemUTC(), Math::random, new EventFactory(Clock.systemUTC()),
                    EventSink.discarding());
            check = limits.rateLimitCheck();
            request = RequestContext.builder().requestId("r").method("GET").target("/api/chat")
                    .client(ClientAddress.of(InetAddress.getByName("2001:db8:1:2::7"))).headers(NO_HEADERS)
                    .route(RoutePolicy.basic("default", 1024)).build();
        }
    }

    /** The rate-limit check as the pipeline runs it: IPv6 /64 key, GCRA decision, draft headers. */
    @Benchmark
    public Decision wholeCheckOneClient(Check c) {
        return c.check.check(c.request);
    }

    private static final HeaderView NO_HEADERS = new HeaderView() {
        @Override
        public String get(CharSequence name) {
            return null;
        }

        @Override
        public List<String> getAll(CharSequence name) {
            return List.of();
        }

        @Override
        public boolean contains(CharSequence name) {
            return false;
        }

        @Override
        public int size() {
            return 0;
        }

        @Override
        public void forEach(BiConsumer<String, String> action) {
        }
    };
}
