package io.warden.benchmarks;

import io.warden.core.config.ConfigLoader;
import io.warden.core.config.ConfigSource;
import io.warden.core.demo.DemoBackend;
import io.warden.core.server.Warden;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What cluster mode adds to a request's latency: two Wardens in this process in front of the same
 * upstream (the demo backend's {@code /api/health}), one local, one with {@code redis.url}, measured in the same run by the same client,
 * interleaved round by round (local, cluster, local, ...) so drift on a shared machine hits both.
 * One HTTP/1.1 client sends sequential keep-alive GETs, each from one of {@code clients} addresses
 * (X-Forwarded-For from a trusted proxy), so the limiter touches and merges many keys. Prints p50
 * and p99 per mode, their difference, and Redis round trips per request of the cluster Warden.
 *
 * <pre>java -cp benchmarks.jar io.warden.benchmarks.ClusterLatency REDIS_URL [ROUNDS] [REQUESTS_PER_ROUND] [CLIENTS]</pre>
 * {@code scripts/cluster-latency.sh} starts a private redis-server and runs this.
 */
public final class ClusterLatency {

    private static final String BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.5 Safari/605.1.15";

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ClusterLatency() {
    }

    public static void main(String[] args) throws Exception {
        String redisUrl = args[0];
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int perRound = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
        int clients = args.length > 3 ? Integer.parseInt(args[3]) : 1_000;

        DemoBackend upstream = DemoBackend.start("127.0.0.1", 0, "bench-secret-0123456789abcdefghijklmnopqrstuvwxyz");
        String upstreamUrl = "http://127.0.0.1:" + upstream.port();

        try (Warden local = start(upstreamUrl, null); Warden cluster = start(upstreamUrl, redisUrl)) {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!cluster.state().cluster().link().up() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            if (!cluster.state().cluster().link().up()) {
                throw new IllegalStateException("the cluster Warden did not reach Redis at " + redisUrl);
            }
            // warm-up: JIT, pools, every client key created and merged once
            measure(local, perRound, clients);
            measure(cluster, perRound, clients);
            List<long[]> localRuns = new ArrayList<>();
            List<long[]> clusterRuns = new ArrayList<>();
            long trips = 0;
            for (int r = 0; r < rounds; r++) {
                localRuns.add(measure(local, perRound, clients));
                long before = cluster.state().cluster().link().roundTrips();
                clusterRuns.add(measure(cluster, perRound, clients));
                trips += cluster.state().cluster().link().roundTrips() - before;
            }
            long[] l = merge(localRuns);
            long[] c = merge(clusterRuns);
            double p50l = pct(l, 50), p99l = pct(l, 99), p50c = pct(c, 50), p99c = pct(c, 99);
            System.out.printf("requests per mode: %d (%d rounds x %d, %d client addresses)%n", l.length, rounds,
                    perRound, clients);
            System.out.printf("local   p50 %7.1f us  p99 %7.1f us%n", p50l, p99l);
            System.out.printf("cluster p50 %7.1f us  p99 %7.1f us%n", p50c, p99c);
            System.out.printf("added   p50 %+7.1f us  p99 %+7.1f us%n", p50c - p50l, p99c - p99l);
            System.out.printf("redis round trips per request (cluster): %.4f (%d in %d requests; merges every %s)%n",
                    (double) trips / c.length, trips, c.length, cluster.config().redis().syncInterval());
        } finally {
            upstream.close();
        }
    }

    private static Warden start(String upstreamUrl, String redisUrl) throws Exception {
        List<ConfigLoader.Override> o = new ArrayList<>();
        o.add(new ConfigLoader.Override("upstream.url", upstreamUrl, false));
        o.add(new ConfigLoader.Override("listen.http", "127.0.0.1:0", false));
        o.add(new ConfigLoader.Override("admin.listen", "127.0.0.1:0", false));
        o.add(new ConfigLoader.Override("dataDir", Files.createTempDirectory("warden-bench").toString(), false));
        o.add(new ConfigLoader.Override("logging.accessLog", "false", true));
        o.add(new ConfigLoader.Override("trustedProxies", "[127.0.0.0/8]", true));
        o.add(new ConfigLoader.Override("rateLimit.anonymousPerMinute", "1000000", true));
        o.add(new ConfigLoader.Override("server.ioThreads", "1", true));
        if (redisUrl != null) {
            o.add(new ConfigLoader.Override("redis.url", redisUrl, false));
        }
        return Warden.start(new ConfigSource(List.of(), o, Map.of()).load());
    }

    /** Sequential keep-alive GETs over one HTTP/1.1 client; answers each request's latency in nanoseconds. */
    private static long[] measure(Warden warden, int requests, int clients) throws Exception {
        long[] out = new long[requests];
        URI uri = URI.create("http://127.0.0.1:" + warden.httpPort() + "/api/health");
        for (int i = 0; i < requests; i++) {
            int c = i % clients;
            HttpRequest request = HttpRequest.newBuilder(uri).header("User-Agent", BROWSER)
                    .header("Accept-Language", "en")
                    .header("X-Forwarded-For", "10.9." + (c / 250) + "." + (c % 250 + 1)).build();
            long t0 = System.nanoTime();
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            out[i] = System.nanoTime() - t0;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("request " + i + " answered " + response.statusCode());
            }
        }
        return out;
    }

    private static long[] merge(List<long[]> runs) {
        long[] all = runs.stream().flatMapToLong(Arrays::stream).toArray();
        Arrays.sort(all);
        return all;
    }

    private static double pct(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)] / 1000.0;
    }
}
