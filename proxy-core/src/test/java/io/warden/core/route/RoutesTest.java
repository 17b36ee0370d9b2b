package io.warden.core.route;

import io.warden.core.testing.RawHttp;
import io.warden.core.testing.TestUpstream;
import io.warden.core.testing.WardenFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Route policies enforced on real requests through a running Warden. */
class RoutesTest {

    private static final String ROUTES = """
            routes:
              - name: internal
                path: /internal/**
                deny: true
              - name: docs
                path: /docs
                deny: true
              - name: commission
                path: /api/commission
                allowedMethods: [POST]
                contentTypes: [application/json]
                body:
                  additionalFields: false
                  fields:
                    sale_price: {type: number, required: true, exclusiveMinimum: 0, maximum: 100000000}
                    commission_rate: {type: number, required: true, minimum: 0, maximum: 0.1}
                    agent_id: {type: string, pattern: "[A-Z]{2}[0-9]{4}"}
              - name: login
                path: /api/auth/login
                methods: [POST]
                rateLimit: {perMinute: 3, burst: 3}
            """;

    private TestUpstream upstream;
    private WardenFixture warden;
    private Path configFile;

    @BeforeEach
    void start() throws Exception {
        upstream = new TestUpstream();
        configFile = Files.createTempFile("routes", ".yaml");
        Files.writeString(configFile, ROUTES);
        warden = WardenFixture.start(upstream.url(), List.of(configFile), Map.of());
    }

    @AfterEach
    void stop() {
        warden.close();
        upstream.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/internal/metrics", "/INTERNAL/metrics", "/%69nternal/metrics", "/api/../internal/x",
            "//internal//x", "/internal%2Fx", "/docs", "/Docs/", "/docs;a=b"})
    void deniedRoutesCannotBeReachedByAnySpelling(String path) throws Exception {
        String response;
        try (RawHttp raw = new RawHttp(warden.port())) {
            response = raw.send("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
        }
        assertThat(response).as(path).startsWith("HTTP/1.1 403").contains("\"error\":\"forbidden\"");
        assertThat(upstream.received()).as(path + " never reaches the upstream").isEmpty();
    }

    @Test
    void businessRulesGuardTheCommissionEndpoint() throws Exception {
        var ok = post("/api/commission", "{\"sale_price\": 450000, \"commission_rate\": 0.025, \"agent_id\": \"AB1234\"}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(upstream.last().bodyText()).as("a passing body reaches the upstream byte for byte")
                .isEqualTo("{\"sale_price\": 450000, \"commission_rate\": 0.025, \"agent_id\": \"AB1234\"}");

        var tooHigh = post("/api/commission", "{\"sale_price\": 987654321, \"commission_rate\": 0.025}");
        assertThat(tooHigh.statusCode()).isEqualTo(422);
        assertThat(tooHigh.body()).contains("field 'sale_price' violates maximum").doesNotContain("987654321");

        var rate = post("/api/commission", "{\"sale_price\": 450000, \"commission_rate\": 0.25}");
        assertThat(rate.body()).contains("commission_rate").contains("maximum").doesNotContain("0.25");

        assertThat(post("/api/commission", "{\"sale_price\": 450000}").body())
                .contains("field 'commission_rate' violates required");
        assertThat(post("/api/commission", "{\"sale_price\": 1, \"commission_rate\": 0, \"hidden_fee\": 5}").body())
                .contains("hidden_fee").contains("additionalFields");
        assertThat(post("/api/commission", "{\"sale_price\": 1, \"commission_rate\": 0, \"agent_id\": \"x\"}").body())
                .contains("agent_id").contains("pattern");
        assertThat(post("/api/commission", "{\"sale_price\": 1, \"sale_price\": 2, \"commission_rate\": 0}")
                .statusCode()).as("duplicate keys are ambiguous between parsers").isEqualTo(400);
        assertThat(post("/api/commission", "{\"sale_price\": ").statusCode()).isEqualTo(400);
        assertThat(upstream.received()).as("only the valid body got through").hasSize(1);
    }

    @Test
    void routeGatesMethodsAndMediaTypes() throws Exception {
        var get = warden.get("/api/commission");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("allow")).hasValue("POST");
        var form = warden.client().send(HttpRequest.newBuilder(warden.uri("/api/commission"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("sale_price=1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(upstream.received()).isEmpty();
    }

    @Test
    void aRouteHasItsOwnRateLimit() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(post("/api/auth/login", "{}").statusCode()).isEqualTo(200);
        }
        var limited = post("/api/auth/login", "{}");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("retry-after")).isPresent();
        assertThat(warden.get("/api/health").statusCode()).as("the default tier is counted apart").isEqualTo(200);
    }

    @Test
    void reloadAppliesAValidChangeWithoutDroppingAKeepAliveRequest() throws Exception {
        upstream.on("/slow", (ctx, req) -> ctx.executor().schedule(
                () -> ctx.writeAndFlush(TestUpstream.json(200, "{\"slow\":true}")), 500, java.util.concurrent.TimeUnit.MILLISECONDS));
        try (RawHttp raw = new RawHttp(warden.port())) {
            raw.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
            Files.writeString(configFile, ROUTES + """
                      - name: slow-now-denied
                        path: /slow
                        deny: true
                    """);
            var result = warden.warden().reload("test");
            assertThat(result.applied()).isTrue();
            assertThat(raw.readResponse()).as("the request in flight finishes on the old policy")
                    .startsWith("HTTP/1.1 200").contains("{\"slow\":true}");
            raw.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(raw.readResponse()).as("the same keep-alive connection's next request sees the new one")
                    .startsWith("HTTP/1.1 403");
        }
    }

    @Test
    void reloadWithAnInvalidFileKeepsTheOldPolicy() throws Exception {
        Files.writeString(configFile, ROUTES.replace("path: /docs", "path: docs-without-slash"));
        var result = warden.warden().reload("test");
        assertThat(result.applied()).isFalse();
        assertThat(result.problems()).anyMatch(p -> p.startsWith("routes[1].path"));
        assertThat(warden.get("/docs").statusCode()).as("the old deny still holds").isEqualTo(403);
        assertThat(warden.get("/internal/x").statusCode()).isEqualTo(403);
    }

    @Test
    void aChangedFileIsReloadedWithoutASignal() throws Exception {
        Files.writeString(configFile, ROUTES + """
                  - name: new-deny
                    path: /api/new
                    deny: true
                """);
        long deadline = System.nanoTime() + 10_000_000_000L;
        int status = 0;
        while (System.nanoTime() < deadline) {
            status = warden.get("/api/new").statusCode();
            if (status == 403) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(status).as("the watcher picked up the edit").isEqualTo(403);
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return warden.client().send(HttpRequest.newBuilder(warden.uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
