package io.warden.benchmarks;

import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaders;
import io.warden.core.http.NettyHeaders;
import io.warden.rules.config.Environment;
import io.warden.rules.config.HeadersConfig;
import io.warden.rules.config.RequestHeadersConfig;
import io.warden.rules.events.EventFactory;
import io.warden.rules.headers.CspNonces;
import io.warden.rules.headers.HeaderPolicies;
import io.warden.rules.headers.NonceSource;
import io.warden.rules.headers.SecurityHeaders;
import io.warden.rules.headers.SuspiciousHeaders;
import io.warden.rules.net.ClientAddress;
import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.route.RoutePolicy;
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
 * The header hardening's cost per exchange: the response step on a real Netty header map (what the
 * data plane runs on every response, production policy with a nonce and HSTS), a nonce, and the
 * suspicious-header check on a browser's request.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HeaderBenchmark {

    private SecurityHeaders step;
    private NonceSource nonces;
    private CspNonces nonceCheck;
    private SuspiciousHeaders suspicious;
    private RequestContext request;
    private RoutePolicy route;
    private ClientAddress client;
    private MapHeaders browser;

    @Setup
    public void setUp() throws Exception {
        HeaderPolicies policies = new HeaderPolicies(Environment.PRODUCTION, HeadersConfig.defaults());
        step = new SecurityHeaders(r -> policies.base());
        nonces = new NonceSource();
        nonceCheck = new CspNonces(r -> policies.base(), nonces);
        suspicious = new SuspiciousHeaders(RequestHeadersConfig.defaults(), new EventFactory(Clock.systemUTC()));
        route = RoutePolicy.basic("default", 10_000_000);
        client = ClientAddress.of(InetAddress.getByName("198.51.100.23"));
        browser = MapHeaders.of(
                "Host", "chat.example.com",
                "User-Agent", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15",
                "Accept", "text/html,application/xhtml+xml",
                "Accept-Language", "en-US,en;q=0.9",
                "Accept-Encoding", "gzip, deflate, br",
                "Cookie", "session=9f8e7d6c5b4a; theme=dark",
                "Referer", "https://chat.example.com/c/42",
                "Sec-Fetch-Mode", "navigate");
        request = context();
        nonceCheck.check(request);
    }

    private RequestContext context() {
        return RequestContext.builder().requestId("rid").client(client).method("GET").target("/c/42")
                .headers(browser).route(route).secure(true).build();
    }

    /** The response step on the head the upstream sent, as Netty holds it. */
    @Benchmark
    public HttpHeaders responseStep() {
        HttpHeaders headers = DefaultHttpHeadersFactory.headersFactory().newHeaders();
        headers.set("Content-Type", "text/html; charset=utf-8").set("Content-Length", "5120")
                .set("Date", "Mon, 30 Nov 2026 10:00:00 GMT");
        step.onResponse(request, 200, new NettyHeaders(headers));
        return headers;
    }

    /**
     * The step on headers that do not validate values: Netty checks every character of every value
     * set (the CSP and Permissions-Policy are about 1 KB together), which is most of the step's cost.
     */
    @Benchmark
    public HttpHeaders responseStepUnvalidated() {
        HttpHeaders headers = DefaultHttpHeadersFactory.headersFactory().withValidation(false).newHeaders();
        headers.set("Content-Type", "text/html; charset=utf-8").set("Content-Length", "5120")
                .set("Date", "Mon, 30 Nov 2026 10:00:00 GMT");
        step.onResponse(request, 200, new NettyHeaders(headers));
        return headers;
    }

    /** The baseline of the above: the same upstream head without the step. */
    @Benchmark
    public HttpHeaders responseHeadAlone() {
        HttpHeaders headers = DefaultHttpHeadersFactory.headersFactory().newHeaders();
        headers.set("Content-Type", "text/html; charset=utf-8").set("Content-Length", "5120")
                .set("Date", "Mon, 30 Nov 2026 10:00:00 GMT");
        return headers;
    }

    @Benchmark
    public String nonce() {
        return nonces.next();
    }

    @Benchmark
    public Decision suspiciousHeaderCheck() {
        return suspicious.check(context());
    }
}
