package io.warden.benchmarks;

import io.warden.rules.events.EventFactory;
import io.warden.rules.net.CidrSet;
import io.warden.rules.net.IpAddresses;
import io.warden.rules.ratelimit.ClientKeys;
import io.warden.rules.ratelimit.block.BlockDurations;
import io.warden.rules.ratelimit.block.BlockList;
import io.warden.rules.time.Ticker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The connection guard's question at accept time: is this peer blocked? With nothing blocked (the
 * common case), and with 10,000 blocks held, for a clean and a blocked IPv4 peer and an IPv6 peer.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar BlockList -f 1 -wi 3 -i 5 -w 1 -r 1}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class BlockListBenchmark {

    private BlockList empty;
    private BlockList full;
    private final byte[] clean = IpAddresses.toBytes("203.0.113.200");
    private final byte[] blocked = IpAddresses.toBytes("198.51.1.1");
    private final byte[] ipv6 = IpAddresses.toBytes("2001:db8:1:2::7");

    @Setup
    public void setUp() {
        empty = newList();
        full = newList();
        for (int i = 0; i < 10_000; i++) {
            full.block("198.51." + (i >> 8) + "." + (i & 255), Duration.ofHours(1), "benchmark");
        }
    }

    private static BlockList newList() {
        return new BlockList(new BlockDurations(Duration.ofMinutes(15), Duration.ofHours(24), 0.2), new ClientKeys(64),
                CidrSet.empty(), 100_000, Duration.ofHours(24), Clock.systemUTC(), Ticker.system(), Math::random,
                new EventFactory(Clock.systemUTC()));
    }

    @Benchmark
    public boolean nothingBlocked() {
        return empty.isBlocked(clean);
    }

    @Benchmark
    public boolean tenThousandBlockedCleanPeer() {
        return full.isBlocked(clean);
    }

    @Benchmark
    public boolean tenThousandBlockedBlockedPeer() {
        return full.isBlocked(blocked);
    }

    @Benchmark
    public boolean tenThousandBlockedIpv6Peer() {
        return full.isBlocked(ipv6);
    }
}
