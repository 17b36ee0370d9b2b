package io.warden.core.ratelimit;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.warden.core.testing.ManualTime;
import io.warden.core.testing.RawHttp;
import io.warden.core.testing.TestUpstream;
import io.warden.core.testing.WardenFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Rate limits, blocks and lockouts on real requests, with time moved by the test. */
class RateLimitingTest {

    private static final String BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.5 Safari/605.1.15";
    private static final String SECRET = "Jq3vN8xR2mT7kL5pW9sB4dF6hG1zC0yA8eU2iO5wQ7rT3nM6bV9cX1kJ4hG7fD2s";

    private TestUpstream upstream;
    private ManualTime time;
    private Path dataDir;

    @BeforeEach
    void start() throws Exception {
        upstream = new TestUpstream();
        time = new ManualTime();
        dataDir = Files.createTempDirectory("warden-limits");
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    @Test
    void the101stAnonymousRequestWithinAMinuteIsRefused() throws Exception {
        try (WardenFixture warden = WardenFixture.start(upstream.url(), time, dataDir)) {
            for (int i = 0; i < 100; i++) {
                assertThat(get(warden, "/api/x", null).statusCode()).as("request " + (i + 1)).isEqualTo(200);
            }
            var refused = get(warden, "/api/x", null);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("retry-after")).isPresent();
            assertThat(refused.headers().firstValue("ratelimit-policy")).hasValueSatisfying(
                    v -> assertThat(v).contains("q=100"));
            assertThat(refused.body()).contains("\"status\":429").contains("\"requestId\"");
            time.advance(Duration.ofMillis(1300));
            assertThat(get(warden, "/api/x", null).statusCode()).as("the bucket refills over time").isEqualTo(200);
            assertThat(upstream.received()).hasSize(101);
        }
    }

    @Test
    void repeatedViolationsBlockTheAddressUntilTheBlockExpires() throws Exception {
        try (WardenFixture warden = WardenFixture.start(upstream.url(), time, dataDir,
                "rateLimit.anonymousPerMinute=5")) {
            for (int i = 0; i < 5; i++) {
                get(warden, "/a", null);
            }
            for (int i = 0; i < 6; i++) {
                assertThat(get(warden, "/a", null).statusCode()).as("violation " + (i + 1)).isEqualTo(429);
            }
            var blocked = get(warden, "/a", null);
            assertThat(blocked.statusCode()).as("five violations are tolerated, the sixth blocks").isEqualTo(403);
            assertThat(blocked.headers().firstValue("retry-after").map(Long::parseLong).orElse(0L))
                    .isBetween(60L, 15 * 60L);
            time.advance(Duration.ofMinutes(10));
            assertThat(get(warden, "/a", null).statusCode()).as("still blocked").isEqualTo(403);
            time.advance(Duration.ofMinutes(6));
            assertThat(get(warden, "/a", null).statusCode()).as("the block expired on time").isEqualTo(200);
            assertThat(upstream.received()).as("nothing of a blocked address reaches the upstream").hasSize(6);
        }
    }

    @Test
    void aRestartKeepsTheBlocks() throws Exception {
        try (WardenFixture warden = WardenFixture.start(upstream.url(), time, dataDir, "rateLimit.anonymousPerMinute=1",
                "blocking.violationsBeforeBlock=1")) {
            get(warden, "/a", null);
            get(warden, "/a", null);
            get(warden, "/a", null);
            assertThat(get(warden, "/a", null).statusCode()).isEqualTo(403);
        }
        assertThat(dataDir.resolve("blocks.json")).exists();
        try (WardenFixture again = WardenFixture.start(upstream.url(), new ManualTime(), dataDir)) {
            assertThat(get(again, "/a", null).statusCode()).as("the block survived the restart").isEqualTo(403);
        }
    }

    @Test
    void allowListedAddressesAreNeverLimited() throws Exception {
        try (WardenFixture warden = WardenFixture.start(upstream.url(), time, dataDir, "rateLimit.anonymousPerMinute=3",
                "rateLimit.allowList=[127.0.0.0/8, '::1']")) {
            for (int i = 0; i < 30; i++) {
                assertThat(get(warden, "/a", null).statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void fiveFailedLoginsLockTheAddressOut() throws Exception {
        upstream.on("/api/auth/login", (ctx, req) -> ctx.writeAndFlush(TestUpstream.json(401, "{\"detail\":\"no\"}")));
        try (WardenFixture warden = WardenFixture.start(upstream.url(), time, dataDir)) {
            for (int i = 0; i < 5; i++) {
                assertThat(post(warden, "/api/auth/login").statusCode()).isEqualTo(401);
            }
            assertThat(post(warden, "/api/auth/login").statusCode()).as("locked out").isEqualTo(403);
            assertThat(get(warden, "/api/other", null).statusCode()).as("the whole address").isEqualTo(403);
            assertThat(upstream.received()).hasSize(5);
        }
    }

    @Test
    void attackToolsAreBlockedOnSight() throws Exception {
        try (WardenFixture warden = WardenFixture.start(upstream.url(), time, dataDir)) {
            var sqlmap = warden.client().send(HttpRequest.newBuilder(warden.uri("/api/items?id=1"))
                    .header("User-Agent", "sqlmap/1.7.2#stable (https://sqlmap.org)").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(sqlmap.statusCode()).isEqualTo(403);
            assertThat(get(warden, "/api/items", null).statusCode()).as("the scanner's address stays blocked")
                    .isEqualTo(403);
            assertThat(upstream.received()).isEmpty();
        }
    }

    @Test
    void forwardedForFromAnUntrustedPeerDoesNotChangeTheKey() throws Exception {
        try (WardenFixture warden = WardenFixture.start(upstream.url(), time, dataDir, "rateLimit.anonymousPerMinute=3")) {
            int refused = 0;
            for (int i = 0; i < 6; i++) {
                var response = warden.client().send(HttpRequest.newBuilder(warden.uri("/a"))
                        .header("User-Agent", BROWSER).header("Accept", "*/*").header("Accept-Language", "en")
                        .header("X-Forwarded-For", "198.51.100." + i).build(), HttpResponse.BodyHandlers.ofString());
                refused += response.statusCode() == 429 ? 1 : 0;
            }
            assertThat(refused).as("a new X-Forwarded-For per request buys nothing").isEqualTo(3);
        }
    }

    @Test
    void anAuthenticatedUserHasItsOwnTier() throws Exception {
        try (WardenFixture warden = WardenFixture.start(upstream.url(), time, dataDir, "auth.jwtSecret=" + SECRET,
                "rateLimit.anonymousPerMinute=2", "rateLimit.authenticatedPerMinute=6")) {
            String token = JWT.create().withSubject("agent-7").withExpiresAt(Instant.now().plusSeconds(600))
                    .sign(Algorithm.HMAC256(SECRET));
            assertThat(get(warden, "/a", null).statusCode()).isEqualTo(200);
            assertThat(get(warden, "/a", null).statusCode()).isEqualTo(200);
            assertThat(get(warden, "/a", null).statusCode()).as("anonymous tier spent").isEqualTo(429);
            for (int i = 0; i < 6; i++) {
                assertThat(get(warden, "/a", token).statusCode()).as("authenticated " + (i + 1)).isEqualTo(200);
            }
            assertThat(get(warden, "/a", token).statusCode()).as("authenticated tier spent").isEqualTo(429);
            assertThat(upstream.last().header("X-Warden-Subject")).isEqualTo("agent-7");
        }
    }

    @Test
    void concurrentStreamsPerAddressAreCapped() throws Exception {
        upstream.on("/api/chat/stream", (ctx, req) -> {
            DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set("Content-Type", "text/event-stream").set("Transfer-Encoding", "chunked");
            ctx.writeAndFlush(head);
        });
        try (WardenFixture warden = WardenFixture.start(upstream.url(), time, dataDir,
                "rateLimit.streams.perAddress=2")) {
            List<RawHttp> open = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    RawHttp stream = new RawHttp(warden.port());
                    open.add(stream);
                    stream.send(sse());
                    assertThat(stream.readHead()).startsWith("HTTP/1.1 200");
                }
                try (RawHttp third = new RawHttp(warden.port())) {
                    assertThat(third.send(sse()).readResponse()).as("a third stream from one address")
                            .startsWith("HTTP/1.1 429");
                }
                open.remove(0).close();
                Thread.sleep(200);
                try (RawHttp again = new RawHttp(warden.port())) {
                    assertThat(again.send(sse()).readHead()).as("a closed stream frees its slot")
                            .startsWith("HTTP/1.1 200");
                }
            } finally {
                for (RawHttp stream : open) {
                    stream.close();
                }
            }
        }
    }

    private static String sse() {
        return "GET /api/chat/stream HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\nUser-Agent: " + BROWSER
                + "\r\nAccept-Language: en\r\n\r\n";
    }

    private static HttpResponse<String> get(WardenFixture warden, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(warden.uri(path))
                .header("User-Agent", BROWSER).header("Accept", "*/*").header("Accept-Language", "en-US");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return warden.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(WardenFixture warden, String path) throws Exception {
        return warden.client().send(HttpRequest.newBuilder(warden.uri(path))
                .header("User-Agent", BROWSER).header("Accept", "*/*").header("Accept-Language", "en-US")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"a\",\"password\":\"b\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
