package io.warden.core.http;

import io.warden.core.testing.RawHttp;
import io.warden.core.testing.RecordedEvents;
import io.warden.core.testing.TestUpstream;
import io.warden.core.testing.WardenFixture;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The response hardening a real browser would see, per environment, through a real Warden. */
class SecurityHeadersTest {

    private static final String ADMIN_TOKEN = "admin.token=0123456789abcdef0123456789abcdef";

    private TestUpstream upstream;

    @BeforeEach
    void start() throws Exception {
        upstream = new TestUpstream();
        upstream.on("/page", (ctx, req) -> {
            var response = TestUpstream.json(200, "<html></html>");
            response.headers().set("Content-Type", "text/html").set("X-Frame-Options", "ALLOWALL")
                    .set("Server", "uvicorn").set("X-Powered-By", "FastAPI");
            ctx.writeAndFlush(response);
        });
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    @Test
    void productionHardensEveryResponseAndNoncesMatchTheUpstreams() throws Exception {
        try (WardenFixture warden = WardenFixture.start(upstream.url(), "environment=production", ADMIN_TOKEN)) {
            HttpResponse<String> first = warden.get("/page");
            String firstNonce = upstream.last().header("X-CSP-Nonce");
            HttpResponse<String> second = warden.get("/page");
            String secondNonce = upstream.last().header("X-CSP-Nonce");

            Map<String, List<String>> h = first.headers().map();
            assertThat(first.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(first.headers().allValues("X-Frame-Options")).as("Warden's policy wins over the upstream's")
                    .containsExactly("DENY");
            assertThat(first.headers().firstValue("Cross-Origin-Embedder-Policy")).hasValue("require-corp");
            assertThat(first.headers().firstValue("Cross-Origin-Opener-Policy")).hasValue("same-origin");
            assertThat(first.headers().firstValue("Cross-Origin-Resource-Policy")).hasValue("same-origin");
            assertThat(first.headers().firstValue("Referrer-Policy")).isPresent();
            assertThat(first.headers().firstValue("Permissions-Policy").orElseThrow()).contains("camera=()");
            assertThat(h).as("version banners are removed").doesNotContainKeys("server", "x-powered-by");
            assertThat(first.headers().firstValue("X-Request-ID").orElseThrow()).matches("[0-9a-f-]{36}");
            assertThat(h).as("HSTS only over HTTPS").doesNotContainKey("strict-transport-security");

            assertThat(firstNonce).isNotNull().isNotEqualTo(secondNonce);
            assertThat(first.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .as("the response's CSP names the nonce the upstream put in its HTML")
                    .contains("'nonce-" + firstNonce + "'").doesNotContain("unsafe-inline");
            assertThat(second.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .contains("'nonce-" + secondNonce + "'");
        }
    }

    @Test
    void hstsWhenATrustedProxySawHttps() throws Exception {
        try (WardenFixture warden = WardenFixture.start(upstream.url(), "environment=production", ADMIN_TOKEN,
                "trustedProxies=[127.0.0.0/8]")) {
            HttpResponse<String> viaProxy = warden.client().send(HttpRequest.newBuilder(warden.uri("/page"))
                    .header("X-Forwarded-Proto", "https").timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(viaProxy.headers().firstValue("Strict-Transport-Security"))
                    .hasValue("max-age=31536000; includeSubDomains; preload");
        }
        try (WardenFixture warden = WardenFixture.start(upstream.url(), "environment=production", ADMIN_TOKEN)) {
            HttpResponse<String> spoofed = warden.client().send(HttpRequest.newBuilder(warden.uri("/page"))
                    .header("X-Forwarded-Proto", "https").timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(spoofed.headers().firstValue("Strict-Transport-Security"))
                    .as("an untrusted client cannot claim HTTPS").isEmpty();
        }
    }

    @Test
    void developmentIsPermissiveButStillHardened() throws Exception {
        try (WardenFixture warden = WardenFixture.start(upstream.url())) {
            HttpResponse<String> r = warden.get("/page");
            assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("'unsafe-inline'");
            assertThat(upstream.last().header("X-CSP-Nonce")).isNull();
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(r.headers().firstValue("Cross-Origin-Resource-Policy")).hasValue("same-site");
        }
    }

    @Test
    void wardensOwnErrorsCarryTheHeadersToo() throws Exception {
        try (WardenFixture warden = WardenFixture.start(upstream.url(), "environment=production", ADMIN_TOKEN);
             RawHttp raw = new RawHttp(warden.port())) {
            raw.send("GET /page HTTP/1.1\r\nHost: x\r\nX-Original-URL: /admin\r\n\r\n");
            String response = raw.readResponse();
            assertThat(response).startsWith("HTTP/1.1 400").contains("X-Frame-Options: DENY")
                    .contains("Content-Security-Policy: default-src 'self'")
                    .containsIgnoringCase("X-Request-ID: ").doesNotContain("{nonce}");
        }
    }

    @Test
    void suspiciousHeadersAreRefusedOrStrippedWithEvents() throws Exception {
        try (WardenFixture warden = WardenFixture.start(upstream.url(), "requestHeaders.allowedHosts=[chat.example]")) {
            RecordedEvents events = RecordedEvents.of(warden);
            int before = upstream.received().size();
            assertThat(send(warden, "GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n")).startsWith("HTTP/1.1 400");
            assertThat(send(warden, "GET / HTTP/1.1\r\nHost: chat.example\r\nX-Rewrite-URL: /admin\r\n\r\n"))
                    .startsWith("HTTP/1.1 400");
            assertThat(send(warden, "POST / HTTP/1.1\r\nHost: chat.example\r\nContent-Length: 2\r\n"
                    + "Content-Type: application/json\r\nContent-Type: text/plain\r\n\r\n{}"))
                    .startsWith("HTTP/1.1 400");
            assertThat(upstream.received()).as("nothing refused reached the backend").hasSize(before);

            assertThat(send(warden, "GET /ok HTTP/1.1\r\nHost: chat.example\r\nX-HTTP-Method-Override: DELETE\r\n\r\n"))
                    .startsWith("HTTP/1.1 200");
            assertThat(upstream.last().header("X-HTTP-Method-Override")).as("stripped before the backend").isNull();

            List<SecurityEvent> found = events.await(EventType.SUSPICIOUS_HEADER, 4);
            assertThat(found).extracting(e -> e.details().get("reason")).contains("host not allowed",
                    "override header not allowed", "conflicting duplicate header", "override header stripped");
        }
    }

    @Test
    void controlCharactersInValuesNeverReachTheUpstream() throws Exception {
        try (WardenFixture warden = WardenFixture.start(upstream.url())) {
            RecordedEvents events = RecordedEvents.of(warden);
            int before = upstream.received().size();
            for (String value : List.of("a\rb", "a\u0000b", "a\u000bb", "a\u007fb")) {
                String response = send(warden, "GET / HTTP/1.1\r\nHost: x\r\nX-Note: " + value + "\r\n\r\n");
                assertThat(response).as("control character %d in a value", (int) value.charAt(1))
                        .startsWith("HTTP/1.1 400");
            }
            assertThat(upstream.received()).hasSize(before);
            // LF alone ends the line (strict parsing refuses the rest as framing); CR, NUL, VT and DEL are
            // refused by Netty's header validation, which Warden reports as a suspicious header
            assertThat(events.await(EventType.SUSPICIOUS_HEADER, 4)).allSatisfy(e ->
                    assertThat(e.details()).containsEntry("reason", "invalid header value"));
        }
    }

    private static String send(WardenFixture warden, String request) throws Exception {
        try (RawHttp raw = new RawHttp(warden.port())) {
            raw.send(request);
            return raw.readResponse();
        }
    }
}
