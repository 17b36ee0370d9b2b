package io.warden.rules.ratelimit;

import io.warden.rules.config.BlockingConfig;
import io.warden.rules.config.RateLimitConfig;
import io.warden.rules.net.ClientAddress;
import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.route.RoutePolicy;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A million distinct addresses must not exhaust the heap. Surefire runs this class alone with
 * {@code -Xmx64m} (see the {@code bounded-heap} execution in the pom): unbounded per-key state for
 * a million keys would need several hundred megabytes and fail with OutOfMemoryError.
 */
class FloodBoundedHeapTest {

    private static final int FLOOD = 1_000_000;
    private static final int MAX_KEYS = 20_000;
    private static final RoutePolicy ROUTE = RoutePolicy.basic("default", 1024);

    private static RequestContext from(int i, String... headers) throws UnknownHostException {
        byte[] a = {100, (byte) (64 + (i >>> 16)), (byte) (i >>> 8), (byte) i};
        return RequestContext.builder().requestId("r").client(ClientAddress.of(InetAddress.getByAddress(a)))
                .method("GET").target("/api/chat").headers(TestHeaders.of(headers)).route(ROUTE).build();
    }

    private static Fixture fixture() {
        RateLimitConfig d = RateLimitConfig.defaults();
        BlockingConfig b = BlockingConfig.defaults();
        return new Fixture(new RateLimitConfig(d.anonymousPerMinute(), d.authenticatedPerMinute(), List.of(), null,
                null, d.mode(), 64, d.headers(), MAX_KEYS, d.bots(), d.streams(), d.costBudget()),
                new BlockingConfig(b.violationsBeforeBlock(), b.blockMinutes(), b.window(), b.maxBlock(), b.jitter(),
                        b.offenceMemory(), b.failedLoginWindow(), MAX_KEYS, b.mode()));
    }

    @Test
    void aMillionDistinctAddressesKeepTheLimiterStateBounded() throws Exception {
        Fixture f = fixture();
        for (int i = 0; i < FLOOD; i++) {
            Decision d = f.request(from(i, Requests.BROWSER));
            if (d instanceof Decision.Reject) {
                throw new AssertionError("request " + i + " from a fresh address was refused: " + d);
            }
        }
        f.limits.store().cleanUp();
        assertThat(f.limits.store().estimatedSize()).as("limiter keys after a flood of %d addresses", FLOOD)
                .isLessThanOrEqualTo(MAX_KEYS);
        assertThat(usedHeapMegabytes()).as("heap in use after the flood").isLessThan(40);
    }

    @Test
    void aMillionScannerAddressesKeepTheBlockListBounded() throws Exception {
        Fixture f = fixture();
        for (int i = 0; i < FLOOD; i++) {
            Decision d = f.request(from(i, "User-Agent", "sqlmap/1.8"));
            assertThat(d).isInstanceOf(Decision.Reject.class);
        }
        assertThat(f.limits.blockList().size()).as("blocks held").isLessThanOrEqualTo(MAX_KEYS);
        assertThat(f.limits.blockList().notStored()).as("the rest are answered, counted, not kept")
                .isEqualTo(FLOOD - MAX_KEYS);
        assertThat(usedHeapMegabytes()).isLessThan(40);
    }

    private static long usedHeapMegabytes() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return (rt.totalMemory() - rt.freeMemory()) >> 20;
    }
}
