package io.warden.core.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.warden.core.testing.RawHttp;
import io.warden.core.testing.TestUpstream;
import io.warden.core.testing.WardenFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.warden.core.monitor.AdminClient.TOKEN;
import static io.warden.core.monitor.AdminClient.enc;
import static org.assertj.core.api.Assertions.assertThat;

class MonitoringApiTest {

    private static TestUpstream upstream;
    private static WardenFixture warden;
    private static AdminClient admin;

    @BeforeAll
    static void start() throws Exception {
        upstream = new TestUpstream();
        // one Warden serves every test of the class: limits high enough that they never block its client
        warden = WardenFixture.start(upstream.url(), "admin.token=" + TOKEN, "limits.maxRequestBodyBytes=100",
                "rateLimit.anonymousPerMinute=100000", "rateLimit.bots.perMinute=100000",
                "monitoring.threat.autoBlock=false");
        admin = new AdminClient(warden);
    }

    @AfterAll
    static void stop() throws Exception {
        warden.close();
        upstream.close();
    }

    /** A declared body over the limit: refused 413 with a request_too_large event, body unread. */
    private String tooLarge() throws Exception {
        try (RawHttp raw = new RawHttp(warden.port())) {
            String response = raw.send("POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 5000\r\nConnection: close\r\n\r\n").readUntilClose(10_000);
            assertThat(response).startsWith("HTTP/1.1 413");
            var m = Pattern.compile("\"requestId\":\"([^\"]+)\"").matcher(response);
            assertThat(m.find()).isTrue();
            return m.group(1);
        }
    }

    @Test
    void realTrafficProducesEventsTheSearchFinds() throws Exception {
        String requestId = tooLarge();
        JsonNode found = admin.searchUntil("request_id=" + enc(requestId), r -> r.get("events").size() == 1);
        JsonNode event = found.get("events").get(0);
        assertThat(event.get("event_type").asText()).isEqualTo("request_too_large");
        assertThat(event.get("source_ip").asText()).isEqualTo("127.0.0.1");
        assertThat(event.get("request_id").asText()).isEqualTo(requestId);
        assertThat(event.has("event_id")).isTrue();
        assertThat(event.has("threat_level")).isTrue();
        assertThat(event.has("timestamp")).isTrue();
        assertThat(event.has("details")).isTrue();

        JsonNode byFilters = admin.getJson("/api/security/events/search?type=request_too_large&level=medium"
                + "&ip=" + enc("127.0.0.0/8") + "&since=" + enc("2020-01-01T00:00:00Z") + "&limit=1");
        assertThat(byFilters.get("events")).hasSize(1);
        assertThat(admin.getJson("/api/security/events/search?ip=" + enc("10.0.0.0/8")).get("events"))
                .as("another network finds none of it").isEmpty();
    }

    @Test
    void adminEndpointsRefuseMissingOrWrongTokensInTheContractForm() throws Exception {
        List<String> paths = List.of("/api/security/dashboard", "/api/security/events/search",
                "/api/security/compliance/report", "/metrics");
        for (String path : paths) {
            for (String authorization : new String[] {null, "Bearer " + TOKEN + "x", "Basic " + TOKEN, "Bearer "}) {
                HttpRequest.Builder request = HttpRequest.newBuilder(warden.adminUri(path));
                if (authorization != null) {
                    request.header("Authorization", authorization);
                }
                HttpResponse<String> response = warden.client().send(request.build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as("%s with %s", path, authorization).isEqualTo(401);
                assertThat(response.body()).matches("\\{\"error\":\"unauthorized\",\"status\":401,\"requestId\":\"[^\"]+\"}");
            }
        }
        HttpResponse<String> post = warden.client().send(HttpRequest.newBuilder(
                warden.adminUri("/api/security/threat-response")).POST(HttpRequest.BodyPublishers.ofString(
                "{\"action\":\"block_ip\",\"target\":\"10.9.9.9\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).as("no block without the token").isEqualTo(401);
        assertThat(admin.getJson("/api/security/dashboard").get("blocked_addresses").get("active").toString())
                .doesNotContain("10.9.9.9");
    }

    @Test
    void blockViaTheApiTakesEffectOnTheNextRequestAndUnblockLiftsIt() throws Exception {
        assertThat(warden.get("/api/health").statusCode()).isEqualTo(200);
        JsonNode blocked = admin.postJson("/api/security/threat-response",
                "{\"action\":\"block_ip\",\"target\":\"127.0.0.1\",\"reason\":\"abuse seen in ticket 4711\","
                        + "\"duration_minutes\":5}");
        assertThat(blocked.get("outcome").asText()).isEqualTo("blocked");
        HttpResponse<String> refused = warden.get("/api/health");
        assertThat(refused.statusCode()).as("the very next request of a blocked address is refused").isEqualTo(403);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("\"status\":403").doesNotContain("4711");

        JsonNode lifted = admin.postJson("/api/security/threat-response",
                "{\"action\":\"unblock_ip\",\"target\":\"127.0.0.1\",\"reason\":\"resolved\"}");
        assertThat(lifted.get("outcome").asText()).isEqualTo("unblocked");
        assertThat(warden.get("/api/health").statusCode()).as("unblock lifts it at once").isEqualTo(200);

        JsonNode audit = admin.searchUntil("type=admin_action&q=" + enc("ticket 4711"),
                r -> r.get("events").size() == 1);
        JsonNode details = audit.get("events").get(0).get("details");
        assertThat(details.get("actor").asText()).as("who: the token's fingerprint, never the token")
                .startsWith("admin-token:").doesNotContain(TOKEN);
        assertThat(details.get("action").asText()).isEqualTo("block_ip");
        assertThat(details.get("target").asText()).isEqualTo("127.0.0.1");
        assertThat(audit.get("events").get(0).get("source_ip").asText()).as("from where").isEqualTo("127.0.0.1");
        admin.searchUntil("type=ip_blocked&q=" + enc("admin-token:"), r -> r.get("events").size() >= 1);
    }

    @Test
    void threatResponseValidatesWithClearErrors() throws Exception {
        Map<String, String> cases = new HashMap<>();
        cases.put("not json", "body must be a JSON object with action and target");
        cases.put("{\"action\":\"nuke\",\"target\":\"1.2.3.4\"}", "action must be one of");
        cases.put("{\"action\":\"block_ip\"}", "target is required");
        cases.put("{\"action\":\"block_ip\",\"target\":\"example.com\"}", "target must be an IP address");
        cases.put("{\"action\":\"block_ip\",\"target\":\"10.0.0.0/8\"}", "target must be an IP address");
        cases.put("{\"action\":\"block_ip\",\"target\":\"1.2.3.4\",\"duration_minutes\":0}", "duration_minutes");
        cases.put("{\"action\":\"block_ip\",\"target\":\"1.2.3.4\",\"duration_minutes\":\"5\"}", "duration_minutes");
        cases.put("{\"action\":\"block_ip\",\"target\":\"1.2.3.4\",\"colour\":1}", "unknown field 'colour'");
        cases.put("{\"action\":\"escalate\",\"target\":\"<script>\"}", "target must be an event_id");
        cases.put("{\"action\":\"revoke_token\",\"target\":\"a b\"}", "target must be a token id");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> response = admin.post("/api/security/threat-response", c.getKey());
            assertThat(response.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(response.body()).as(c.getKey()).contains(c.getValue()).contains("\"status\":400")
                    .doesNotContain("Exception");
        }
        HttpResponse<String> missing = admin.post("/api/security/threat-response",
                "{\"action\":\"escalate\",\"target\":\"00000000-0000-4000-8000-000000000000\"}");
        assertThat(missing.statusCode()).isEqualTo(404);
        HttpResponse<String> badSearch = admin.get("/api/security/events/search?level=extreme");
        assertThat(badSearch.statusCode()).isEqualTo(400);
        assertThat(badSearch.body()).contains("level");
        assertThat(admin.get("/api/security/events/search?since=yesterday").body()).contains("since must be");
        assertThat(admin.get("/api/security/events/search?cursor=zz").statusCode()).isEqualTo(400);
        assertThat(admin.get("/api/security/compliance/report?days=0").statusCode()).isEqualTo(400);
    }

    @Test
    void escalateRaisesTheLevelBlocksTheSourceAndRevokeIsAudited() throws Exception {
        String requestId = tooLarge();
        JsonNode original = admin.searchUntil("request_id=" + enc(requestId), r -> r.get("events").size() == 1)
                .get("events").get(0);
        JsonNode escalated = admin.postJson("/api/security/threat-response", "{\"action\":\"escalate\",\"target\":\""
                + original.get("event_id").asText() + "\",\"duration_minutes\":1}");
        assertThat(escalated.get("level").asText()).isEqualTo("high");
        assertThat(escalated.get("block").get("address").asText()).isEqualTo("127.0.0.1");
        assertThat(warden.get("/api/health").statusCode()).isEqualTo(403);
        admin.postJson("/api/security/threat-response", "{\"action\":\"unblock_ip\",\"target\":\"127.0.0.1\"}");
        admin.searchUntil("type=threat_escalated&level=high&request_id=" + enc(requestId),
                r -> r.get("events").size() == 1);

        JsonNode revoked = admin.postJson("/api/security/threat-response",
                "{\"action\":\"revoke_token\",\"target\":\"jti-123\"}");
        assertThat(revoked.get("outcome").asText()).isEqualTo("revoked");
        admin.searchUntil("type=admin_action&q=jti-123", r -> r.get("events").size() == 1);
    }

    @Test
    void metricsParseAsPrometheusText() throws Exception {
        warden.get("/api/health");
        HttpResponse<String> response = admin.get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        Map<String, Double> samples = PrometheusText.parse(response.body());
        assertThat(samples.get("warden_requests_total")).isGreaterThanOrEqualTo(1);
        assertThat(samples).containsKey("warden_pipeline_latency_seconds_count")
                .containsKey("warden_upstream_latency_seconds_count")
                .containsKey("warden_events_dropped_total")
                .containsKey("warden_event_log_writable");
        assertThat(samples.keySet()).anyMatch(k -> k.startsWith("warden_pipeline_latency_seconds_bucket{le="));
    }

    @Test
    void dashboardShowsTheLiveFigures() throws Exception {
        tooLarge();
        warden.get("/api/health");
        JsonNode d = admin.getJson("/api/security/dashboard");
        assertThat(d.get("requests").get("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(d.get("requests").get("rejections_by_reason").has("request body too large")).isTrue();
        List<String> keys = new ArrayList<>();
        d.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).contains("blocked_addresses", "rate_limit_violations", "auth_failures", "injection_attempts",
                "bot_traffic", "websocket", "top_offenders", "recent_high_severity", "latency", "history");
        assertThat(d.get("latency").get("pipeline").get("count").asLong()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theReportCountsMatchTheEvents() throws Exception {
        for (int i = 0; i < 3; i++) {
            tooLarge();
        }
        admin.postJson("/api/security/threat-response",
                "{\"action\":\"block_ip\",\"target\":\"192.0.2.77\",\"reason\":\"report test\"}");
        JsonNode all = admin.searchUntil("type=admin_action&q=" + enc("report test"),
                r -> r.get("events").size() == 1);
        assertThat(all).isNotNull();
        JsonNode report = admin.getJson("/api/security/compliance/report?days=30");
        long tooLarge = countAll("type=request_too_large");
        assertThat(report.get("by_type").get("request_too_large").asLong())
                .as("the report counts what the log holds").isEqualTo(tooLarge);
        long total = countAll("");
        assertThat(report.get("total_events").asLong()).isGreaterThanOrEqualTo(total - 5).isLessThanOrEqualTo(total + 5);
        assertThat(report.get("blocks").toString()).contains("192.0.2.77").contains("report test");
        assertThat(report.get("admin_actions").toString()).contains("report test");
        assertThat(report.get("retention").get("retention_days").asInt()).isEqualTo(30);

        HttpResponse<String> csv = admin.get("/api/security/compliance/report?days=30&format=csv");
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        String[] lines = csv.body().split("\n");
        assertThat(lines[0]).isEqualTo("kind,day,timestamp,name,count,address,actor,reason");
        long csvTooLarge = 0;
        for (String line : lines) {
            if (line.startsWith("type_count,") && line.contains(",request_too_large,")) {
                csvTooLarge += Long.parseLong(line.split(",")[4]);
            }
        }
        assertThat(csvTooLarge).isEqualTo(report.get("by_type").get("request_too_large").asLong());
    }

    private long countAll(String query) throws Exception {
        long n = 0;
        String cursor = null;
        do {
            JsonNode page = admin.getJson("/api/security/events/search?limit=1000" + (query.isEmpty() ? "" : "&" + query)
                    + (cursor == null ? "" : "&cursor=" + enc(cursor)));
            n += page.get("events").size();
            cursor = page.get("next").isNull() ? null : page.get("next").asText();
        } while (cursor != null);
        return n;
    }
}
