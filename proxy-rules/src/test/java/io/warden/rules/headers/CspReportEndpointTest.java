package io.warden.rules.headers;

import io.warden.rules.config.CspConfig;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.LocalResponse;
import io.warden.rules.pipeline.RequestBody;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.ratelimit.CaffeineLimiterStore;
import io.warden.rules.ratelimit.ClientKeys;
import io.warden.rules.ratelimit.RateLimiter;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

class CspReportEndpointTest {

    private static final String LEGACY = """
            {"csp-report": {"document-uri": "https://chat.example.com/c/42?token=abc#x",
              "violated-directive": "script-src-elem", "effective-directive": "script-src-elem",
              "blocked-uri": "https://evil.example/x.js?q=1", "disposition": "enforce",
              "source-file": "https://chat.example.com/app.js", "line-number": 12,
              "original-policy": "default-src 'self'", "script-sample": "alert(document.cookie)"}}""";
    private static final String REPORTING_API = """
            [{"type": "csp-violation", "age": 3, "url": "https://chat.example.com/", "user_agent": "Mozilla",
              "body": {"documentURL": "https://chat.example.com/", "effectiveDirective": "style-src-attr",
                       "blockedURL": "inline", "disposition": "report", "lineNumber": 7}},
             {"type": "deprecation", "body": {"id": "x"}}]""";

    private final EventFactory events = new EventFactory(Clock.systemUTC());
    private final CspReportEndpoint endpoint = new CspReportEndpoint(
            new CspConfig(null, false, "/_warden/csp-report", 2, 4096),
            new RateLimiter(new CaffeineLimiterStore(1000), System::nanoTime), new ClientKeys(64), events);

    @Test
    void otherPathsAreNotItsBusiness() {
        assertThat(endpoint.check(Req.get("/api/chat", false))).isInstanceOf(Decision.Proceed.class);
    }

    @Test
    void aLegacyReportBecomesOneEventWithoutQueryStringsOrSamples() {
        RequestContext request = post("application/csp-report", LEGACY);
        assertThat(endpoint.check(request)).isInstanceOf(Decision.Answer.class);
        LocalResponse answer = endpoint.respond(request, body("application/csp-report", LEGACY));
        assertThat(answer.status()).isEqualTo(204);
        assertThat(answer.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.CSP_VIOLATION);
            assertThat(e.details()).containsEntry("directive", "script-src-elem")
                    .containsEntry("blockedUri", "https://evil.example/x.js")
                    .containsEntry("documentUri", "https://chat.example.com/c/42")
                    .containsEntry("line", 12L);
            assertThat(e.details().toString()).as("query strings may hold tokens; samples hold user data")
                    .doesNotContain("token=abc", "document.cookie");
        });
    }

    @Test
    void reportingApiBatchesKeepOnlyCspViolations() {
        LocalResponse answer = endpoint.respond(post("application/reports+json", REPORTING_API),
                body("application/reports+json", REPORTING_API));
        assertThat(answer.status()).isEqualTo(204);
        assertThat(answer.events()).extracting(SecurityEvent::type).containsExactly(EventType.CSP_VIOLATION);
        assertThat(answer.events().get(0).details()).containsEntry("disposition", "report")
                .containsEntry("blockedUri", "inline");
    }

    @Test
    void garbageIsA400WithAnEvent() {
        LocalResponse answer = endpoint.respond(post("application/csp-report", "{not json"),
                body("application/csp-report", "{not json"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("\"requestId\":\"rid-1\"");
        assertThat(answer.events()).extracting(SecurityEvent::type).containsExactly(EventType.INPUT_VALIDATION_FAILURE);
    }

    @Test
    void wrongMethodTypeOrSizeAndFloodsAreRefused() {
        assertThat(endpoint.check(Req.get("/_warden/csp-report", false)))
                .isInstanceOfSatisfying(Decision.Reject.class, r -> assertThat(r.status()).isEqualTo(405));
        assertThat(endpoint.check(post("text/plain", "x")))
                .isInstanceOfSatisfying(Decision.Reject.class, r -> assertThat(r.status()).isEqualTo(415));
        assertThat(endpoint.check(Req.of("POST", "/_warden/csp-report", false, 5000, "Content-Type",
                "application/csp-report")))
                .isInstanceOfSatisfying(Decision.Reject.class, r -> assertThat(r.status()).isEqualTo(413));
        Decision flood = endpoint.check(post("application/csp-report", LEGACY));
        assertThat(flood).as("2 a minute, and three requests came (the 413 counted too)")
                .isInstanceOfSatisfying(Decision.Reject.class, r -> {
                    assertThat(r.status()).isEqualTo(429);
                    assertThat(r.headers()).containsKey("Retry-After");
                });
    }

    private static RequestContext post(String type, String json) {
        return Req.of("POST", "/_warden/csp-report", false, json.length(), "Content-Type", type);
    }

    private static RequestBody body(String type, String json) {
        return new RequestBody(type, json.getBytes(StandardCharsets.UTF_8));
    }
}
