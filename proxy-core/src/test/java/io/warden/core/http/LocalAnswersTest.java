package io.warden.core.http;

import io.warden.core.testing.RawHttp;
import io.warden.core.testing.RecordedEvents;
import io.warden.core.testing.TestUpstream;
import io.warden.core.testing.WardenFixture;
import io.warden.rules.events.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests Warden answers itself (CSP reports, the HTTPS redirect): never forwarded, always hardened. */
class LocalAnswersTest {

    private static final String REPORT = "{\"csp-report\":{\"document-uri\":\"https://chat.example/c?t=1\","
            + "\"effective-directive\":\"script-src-elem\",\"blocked-uri\":\"https://evil.example/x.js\"}}";

    private TestUpstream upstream;

    @BeforeEach
    void start() throws Exception {
        upstream = new TestUpstream();
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    @Test
    void cspReportsBecomeEventsAndNeverReachTheUpstream() throws Exception {
        try (WardenFixture warden = WardenFixture.start(upstream.url(), "headers.csp.reportsPerMinute=2");
             RawHttp raw = new RawHttp(warden.port())) {
            RecordedEvents events = RecordedEvents.of(warden);
            for (int i = 0; i < 2; i++) {
                raw.send(post("application/csp-report", REPORT));
                assertThat(raw.readResponse()).startsWith("HTTP/1.1 204").contains("X-Content-Type-Options: nosniff")
                        .doesNotContainIgnoringCase("content-length");
            }
            assertThat(events.await(EventType.CSP_VIOLATION, 2).get(0).details())
                    .containsEntry("directive", "script-src-elem").containsEntry("documentUri", "https://chat.example/c");
            raw.send(post("application/csp-report", REPORT));
            assertThat(raw.readResponse()).as("reports are rate limited per address")
                    .startsWith("HTTP/1.1 429").contains("Retry-After:");
            assertThat(upstream.received()).as("reports are Warden's, not the backend's").isEmpty();
        }
    }

    @Test
    void oversizedOrWrongReportsAreRefused() throws Exception {
        try (WardenFixture warden = WardenFixture.start(upstream.url(), "headers.csp.maxReportBytes=512")) {
            try (RawHttp raw = new RawHttp(warden.port())) {
                raw.send(post("application/csp-report", "{\"csp-report\":{\"x\":\"" + "a".repeat(600) + "\"}}"));
                assertThat(raw.readResponse()).startsWith("HTTP/1.1 413");
            }
            try (RawHttp raw = new RawHttp(warden.port())) {
                raw.send("POST /_warden/csp-report HTTP/1.1\r\nHost: x\r\nContent-Type: application/csp-report\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n" + "258\r\n" + "a".repeat(600) + "\r\n0\r\n\r\n");
                assertThat(raw.readResponse()).as("a chunked body is cut at the limit too").startsWith("HTTP/1.1 413");
            }
            try (RawHttp raw = new RawHttp(warden.port())) {
                raw.send(post("text/html", "<x>"));
                assertThat(raw.readResponse()).startsWith("HTTP/1.1 415").contains("\"requestId\"");
                raw.send(post("application/reports+json", "{not json"));
                assertThat(raw.readResponse()).startsWith("HTTP/1.1 400").contains("invalid csp report");
            }
            assertThat(upstream.received()).isEmpty();
        }
    }

    @Test
    void plainHttpIsRedirectedToHttpsExceptTheHealthPath() throws Exception {
        try (WardenFixture warden = WardenFixture.start(upstream.url(), "tls.requireHttps=true",
                "tls.redirectPort=8443");
             RawHttp raw = new RawHttp(warden.port())) {
            raw.send("POST /api/chat?c=1 HTTP/1.1\r\nHost: chat.example:8080\r\nContent-Length: 2\r\n\r\n{}");
            String redirect = raw.readResponse();
            assertThat(redirect).as("308 keeps the method and body, unlike 301").startsWith("HTTP/1.1 308")
                    .contains("Location: https://chat.example:8443/api/chat?c=1")
                    .contains("X-Frame-Options: DENY");
            raw.send("GET /api/health HTTP/1.1\r\nHost: chat.example\r\n\r\n");
            assertThat(raw.readResponse()).startsWith("HTTP/1.1 200");
            assertThat(upstream.received()).extracting(TestUpstream.Received::uri).containsExactly("/api/health");
        }
    }

    private static String post(String type, String body) {
        return "POST /_warden/csp-report HTTP/1.1\r\nHost: x\r\nContent-Type: " + type + "\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body;
    }
}
