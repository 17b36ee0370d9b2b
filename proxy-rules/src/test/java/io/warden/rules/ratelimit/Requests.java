package io.warden.rules.ratelimit;

import io.warden.rules.net.ClientAddress;
import io.warden.rules.net.IpAddresses;
import io.warden.rules.pipeline.Identity;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.route.RoutePolicy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Builds request contexts for tests: {@code Requests.from("203.0.113.7").path("/api/chat").build()}. */
public final class Requests {

    /** What a current desktop browser sends on a page's fetch. */
    public static final String[] BROWSER = {
            "User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
            "Accept", "application/json, text/plain, */*",
            "Accept-Language", "en-GB,en;q=0.9",
            "Accept-Encoding", "gzip, deflate, br"};

    private static final AtomicLong IDS = new AtomicLong();

    private final String address;
    private String method = "GET";
    private String target = "/api/chat";
    private TestHeaders headers = TestHeaders.of(BROWSER);
    private String subject;

    private Requests(String address) {
        this.address = address;
    }

    public static Requests from(String address) {
        return new Requests(address);
    }

    public Requests method(String value) {
        this.method = value;
        return this;
    }

    public Requests path(String value) {
        this.target = value;
        return this;
    }

    /** Replaces the browser headers with exactly these. */
    public Requests headers(String... nameValue) {
        this.headers = TestHeaders.of(nameValue);
        return this;
    }

    public Requests user(String value) {
        this.subject = value;
        return this;
    }

    public RequestContext build() {
        RequestContext r = RequestContext.builder()
                .requestId("req-" + IDS.incrementAndGet())
                .client(ClientAddress.of(IpAddresses.parse(address).orElseThrow()))
                .method(method)
                .target(target)
                .headers(headers)
                .route(RoutePolicy.basic("default", 10_485_760))
                .build();
        if (subject != null) {
            r.identity(new Identity(subject, Map.of()));
        }
        return r;
    }
}
