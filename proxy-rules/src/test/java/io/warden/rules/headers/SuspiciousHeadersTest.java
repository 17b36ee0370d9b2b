package io.warden.rules.headers;

import io.warden.rules.config.ConfigFixtures;
import io.warden.rules.config.RequestHeadersConfig;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.RequestContext;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SuspiciousHeadersTest {

    private final EventFactory events = new EventFactory(Clock.systemUTC());
    private final SuspiciousHeaders check = new SuspiciousHeaders(RequestHeadersConfig.defaults(), events);

    @Test
    void ordinaryBrowserHeadersPass() {
        Decision d = check.check(Req.get("/", false, "Host", "chat.example.com", "User-Agent", "Mozilla/5.0",
                "Accept", "text/html", "Cookie", "a=1", "Cookie", "b=2"));
        assertThat(d).isInstanceOf(Decision.Proceed.class);
        assertThat(d.events()).isEmpty();
    }

    @Test
    void controlCharactersInAValueAreRejected() {
        for (String bad : List.of("a\r\nSet-Cookie: x=1", "a\u0000b", "a\nb", "a\u001bb")) {
            Decision d = check.check(Req.get("/", false, "Host", "x", "X-Note", bad));
            assertThat(d).as("header injection through %s", bad.replace("\r", "\\r").replace("\n", "\\n"))
                    .isInstanceOfSatisfying(Decision.Reject.class, r -> assertThat(r.status()).isEqualTo(400));
            assertThat(only(d).details()).containsEntry("header", "x-note").containsEntry("reason",
                    "invalid header value");
        }
        assertThat(check.check(Req.get("/", false, "Host", "x", "X-Note", "tab\tis fine")))
                .isInstanceOf(Decision.Proceed.class);
    }

    @Test
    void aHostOutsideTheAllowListIsRejected() {
        SuspiciousHeaders strict = new SuspiciousHeaders(ConfigFixtures.with("requestHeaders.allowedHosts",
                List.of("chat.example.com", "*.example.org")).requestHeaders(), events);
        assertThat(strict.check(Req.get("/", false, "Host", "chat.example.com:8443")))
                .isInstanceOf(Decision.Proceed.class);
        assertThat(strict.check(Req.get("/", false, "Host", "CHAT.example.com."))).isInstanceOf(Decision.Proceed.class);
        assertThat(strict.check(Req.get("/", false, "Host", "api.example.org"))).isInstanceOf(Decision.Proceed.class);
        assertThat(strict.check(Req.get("/", false, "Host", "example.org")))
                .as("a wildcard covers subdomains, not the apex").isInstanceOf(Decision.Reject.class);
        Decision evil = strict.check(Req.get("/", false, "Host", "evil.example"));
        assertThat(evil).as("a poisoned Host would end up in password-reset links")
                .isInstanceOf(Decision.Reject.class);
        assertThat(only(evil).type()).isEqualTo(EventType.SUSPICIOUS_HEADER);
        assertThat(strict.check(Req.get("/", false))).as("no Host at all").isInstanceOf(Decision.Reject.class);
    }

    @Test
    void urlOverrideHeadersAreRejectedAndMethodOverridesStripped() {
        assertThat(check.check(Req.get("/", false, "Host", "x", "X-Original-URL", "/admin")))
                .as("X-Original-URL routes past path rules in front of IIS/Symfony backends")
                .isInstanceOf(Decision.Reject.class);
        assertThat(check.check(Req.get("/", false, "Host", "x", "x-rewrite-url", "/admin")))
                .isInstanceOf(Decision.Reject.class);

        RequestContext request = Req.get("/", false, "Host", "x", "X-HTTP-Method-Override", "DELETE",
                "X-Method-Override", "PUT");
        Decision d = check.check(request);
        assertThat(d).isInstanceOf(Decision.Proceed.class);
        assertThat(request.removedUpstreamHeaders()).as("a GET must not turn into a DELETE behind Warden")
                .containsExactlyInAnyOrder("X-HTTP-Method-Override", "X-Method-Override");
        assertThat(d.events()).extracting(SecurityEvent::type).containsOnly(EventType.SUSPICIOUS_HEADER);
    }

    @Test
    void allowedOverrideHeadersPassUntouched() {
        SuspiciousHeaders lenient = new SuspiciousHeaders(ConfigFixtures.with("requestHeaders.allowedOverrideHeaders",
                List.of("x-http-method-override")).requestHeaders(), events);
        RequestContext request = Req.get("/", false, "Host", "x", "X-HTTP-Method-Override", "PATCH");
        assertThat(lenient.check(request).events()).isEmpty();
        assertThat(request.removedUpstreamHeaders()).isEmpty();
    }

    @Test
    void conflictingDuplicatesOfSingleValueHeadersAreRejected() {
        Decision d = check.check(Req.of("POST", "/", false, 2, "Host", "x", "Content-Type", "application/json",
                "Content-Type", "text/plain"));
        assertThat(d).as("Warden could inspect JSON while the upstream parses text")
                .isInstanceOfSatisfying(Decision.Reject.class, r -> assertThat(r.status()).isEqualTo(400));
        assertThat(check.check(Req.get("/", false, "Host", "x", "Authorization", "Bearer a", "authorization",
                "Bearer b"))).isInstanceOf(Decision.Reject.class);
        assertThat(check.check(Req.get("/", false, "Host", "x", "Authorization", "Bearer a", "Authorization",
                "Bearer a"))).as("identical copies read the same either way").isInstanceOf(Decision.Proceed.class);
    }

    @Test
    void absurdCountsAndSizesGet431() {
        List<String> many = new ArrayList<>(List.of("Host", "x"));
        for (int i = 0; i < 120; i++) {
            many.add("X-H" + i);
            many.add("v");
        }
        assertThat(check.check(Req.get("/", false, many.toArray(String[]::new))))
                .isInstanceOfSatisfying(Decision.Reject.class, r -> assertThat(r.status()).isEqualTo(431));
        assertThat(check.check(Req.get("/", false, "Host", "x", "X-Big", "a".repeat(9000))))
                .isInstanceOfSatisfying(Decision.Reject.class, r -> assertThat(r.status()).isEqualTo(431));
    }

    @Test
    void detectModeRecordsButChangesNothing() {
        SuspiciousHeaders detect = new SuspiciousHeaders(ConfigFixtures.with("requestHeaders.mode", "detect")
                .requestHeaders(), events);
        RequestContext request = Req.get("/", false, "Host", "x", "X-Original-URL", "/admin",
                "X-HTTP-Method", "DELETE");
        Decision d = detect.check(request);
        assertThat(d).isInstanceOf(Decision.Proceed.class);
        assertThat(d.events()).hasSize(2).allSatisfy(e -> assertThat(e.details()).containsEntry("action", "detect"));
        assertThat(request.removedUpstreamHeaders()).isEmpty();
    }

    @Test
    void eventsNameTheHeaderButNeverCarryItsValue() {
        Decision d = check.check(Req.get("/", false, "Host", "x", "Authorization", "Bearer secret-1",
                "Authorization", "Bearer secret-2"));
        assertThat(only(d).details().toString()).doesNotContain("secret");
    }

    private static SecurityEvent only(Decision d) {
        assertThat(d.events()).hasSize(1);
        return d.events().get(0);
    }
}
