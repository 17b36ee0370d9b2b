package io.warden.rules.websocket;

import io.warden.rules.auth.AuthPolicy;
import io.warden.rules.config.AuthConfig;
import io.warden.rules.config.BlockingConfig;
import io.warden.rules.config.MalformedAction;
import io.warden.rules.config.RateLimitConfig;
import io.warden.rules.config.RouteWebSocketConfig;
import io.warden.rules.config.WebSocketConfig;
import io.warden.rules.events.EventType;
import io.warden.rules.inspect.InspectionSettings;
import io.warden.rules.net.ClientAddress;
import io.warden.rules.net.IpAddresses;
import io.warden.rules.pipeline.Identity;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.ratelimit.Fixture;
import io.warden.rules.ratelimit.TestHeaders;
import io.warden.rules.route.RoutePolicy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** Sessions and handshakes on a manual clock, over the real rate-limiting assembly (for escalation). */
final class WsFixture {

    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final AtomicLong IDS = new AtomicLong();

    final Fixture base;
    final WebSocketLimits limits;
    MessageInspector inspector;

    WsFixture() {
        this(List.of());
    }

    /** @param allowList {@code rateLimit.allowList} */
    WsFixture(List<String> allowList) {
        RateLimitConfig d = RateLimitConfig.defaults();
        base = new Fixture(new RateLimitConfig(d.anonymousPerMinute(), d.authenticatedPerMinute(), allowList, null,
                null, d.mode(), d.ipv6Prefix(), d.headers(), d.maxTrackedKeys(), d.bots(), d.streams(),
                d.costBudget()), BlockingConfig.defaults());
        limits = new WebSocketLimits(base.limits.escalation(), base.limits.keys(), base.limits.allowList(), 10_000,
                base.clock);
        inspector = new JsonMessageInspector(base.events);
    }

    WebSocketSessions sessions() {
        return new WebSocketSessions(limits, inspector, base.events, base.emitted::add, base.clock);
    }

    /** The defaults with a route entry laid over them. */
    static WebSocketPolicy policy(RouteWebSocketConfig route) {
        return WebSocketPolicy.of(WebSocketConfig.defaults()).with(route, "routes[0].websocket");
    }

    static WebSocketPolicy json(MalformedAction onMalformed) {
        return policy(new RouteWebSocketConfig(true, onMalformed, null, null, null, null));
    }

    static RoutePolicy route(WebSocketPolicy websocket) {
        return new RoutePolicy("chat-ws", 0, Set.of(), List.of(), 1 << 20, AuthPolicy.from(AuthConfig.defaults()),
                null, null, null, websocket, InspectionSettings.defaults());
    }

    /** A valid handshake from {@code address}, with extra headers. */
    static RequestContext handshake(String address, WebSocketPolicy websocket, String user, String... extra) {
        TestHeaders headers = TestHeaders.of("Host", "chat.example.com", "Upgrade", "websocket",
                "Connection", "Upgrade", "Sec-WebSocket-Key", KEY, "Sec-WebSocket-Version", "13");
        for (int i = 0; i < extra.length; i += 2) {
            if (extra[i + 1] == null) {
                headers.remove(extra[i]);
            } else {
                headers.set(extra[i], extra[i + 1]);
            }
        }
        return request("GET", address, websocket, user, headers);
    }

    static RequestContext request(String method, String address, WebSocketPolicy websocket, String user,
                                  TestHeaders headers) {
        RequestContext r = RequestContext.builder()
                .requestId("ws-" + IDS.incrementAndGet())
                .client(ClientAddress.of(IpAddresses.parse(address).orElseThrow()))
                .method(method)
                .target("/ws/chat")
                .headers(headers)
                .route(route(websocket))
                .build();
        if (user != null) {
            r.identity(new Identity(user, Map.of()));
        }
        return r;
    }

    long emitted(EventType type) {
        return base.emittedCount(type);
    }
}
