package io.warden.benchmarks;

import io.warden.core.http.DataPlanePolicy;
import io.warden.core.auth.KeyMaterial;
import io.warden.core.server.PolicyFactory;
import io.warden.core.server.SharedState;
import io.warden.rules.config.WardenConfig;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventSink;
import io.warden.rules.net.ClientAddress;
import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.RequestBody;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.pipeline.RequestIds;
import io.warden.rules.time.Ticker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.net.InetAddress;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The whole request decision as the data plane runs it: a context built from a realistic chat
 * request, the route looked up, every head check of the production pipeline (and, in the second
 * benchmark, the inspection of its 1 KB JSON body), and the response steps. No sockets: this is Warden's own cost per request, apart from Netty and the kernel.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecisionBenchmark {

    private DataPlanePolicy policy;
    private ClientAddress client;
    private MapHeaders requestHeaders;
    private RequestBody chatBody;

    @Setup
    public void setUp() throws Exception {
        WardenConfig config = WardenConfig.defaults();
        EventFactory events = new EventFactory(Clock.systemUTC());
        SharedState state = SharedState.create(config, Clock.systemUTC(), Ticker.system(), EventSink.discarding(),
                events);
        policy = new PolicyFactory(state, new KeyMaterial(null, Ticker.system()), "127.0.0.1:8000").build(config);
        client = ClientAddress.of(InetAddress.getByName("198.51.100.23"));
        requestHeaders = MapHeaders.of(
                "Host", "chat.example.com",
                "User-Agent", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15",
                "Accept", "application/json",
                "Accept-Language", "en-US,en;q=0.9",
                "Content-Type", "application/json",
                "Content-Length", "1024",
                "Cookie", "session=9f8e7d6c5b4a; theme=dark",
                "Referer", "https://chat.example.com/c/42");
        chatBody = new RequestBody("application/json", InspectionBenchmark.chatBody());
    }

    @Benchmark
    public Decision chatPostDecision() {
        RequestContext request = chatPost();
        Decision decision = policy.pipeline().onRequest(request);
        policy.pipeline().onResponse(request, 200, MapHeaders.of("Content-Type", "application/json",
                "Server", "uvicorn"));
        return decision;
    }

    /** The same exchange with its 1 KB JSON body inspected, as the data plane does before forwarding it. */
    @Benchmark
    public Decision chatPostWithBodyDecision() {
        RequestContext request = chatPost();
        Decision decision = policy.pipeline().onRequest(request);
        Decision body = policy.pipeline().onBody(request, chatBody);
        policy.pipeline().onResponse(request, 200, MapHeaders.of("Content-Type", "application/json",
                "Server", "uvicorn"));
        return decision instanceof Decision.Proceed ? body : decision;
    }

    private RequestContext chatPost() {
        return RequestContext.builder()
                .requestId(RequestIds.newId())
                .client(client)
                .method("POST")
                .target("/api/chat?conversation=42")
                .headers(requestHeaders)
                .route(policy.routes().find("POST", "/api/chat"))
                .contentLength(chatBody.bytes().length)
                .build();
    }
}
