package io.warden.rules.headers;

import io.warden.rules.config.ConfigFixtures;
import io.warden.rules.config.Environment;
import io.warden.rules.config.HeaderOverrides;
import io.warden.rules.config.HeadersConfig;
import io.warden.rules.config.UpstreamHeaderRule;
import io.warden.rules.config.WardenConfig;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.ratelimit.TestHeaders;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityHeadersTest {

    private final NonceSource nonces = new NonceSource();

    @Test
    void productionSetsEveryHeaderAndAStrictCspWithTheUpstreamsNonce() {
        HeaderPolicies policies = new HeaderPolicies(Environment.PRODUCTION, HeadersConfig.defaults());
        RequestContext request = Req.get("/", true);
        new CspNonces(r -> policies.base(), nonces).check(request);
        String nonce = request.upstreamHeaders().get(CspNonces.UPSTREAM_HEADER);
        TestHeaders response = respond(policies.base(), request, TestHeaders.of("Content-Type", "text/html"));

        assertThat(nonce).as("a 128-bit nonce in base64url").matches("[A-Za-z0-9_-]{22}");
        assertThat(response.get("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.get("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.get("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
        assertThat(response.get("Cross-Origin-Opener-Policy")).isEqualTo("same-origin");
        assertThat(response.get("Cross-Origin-Resource-Policy")).isEqualTo("same-origin");
        assertThat(response.get("Cross-Origin-Embedder-Policy")).isEqualTo("require-corp");
        assertThat(response.get("Permissions-Policy")).contains("camera=()", "microphone=()", "geolocation=()",
                "payment=()");
        assertThat(response.get("Strict-Transport-Security"))
                .isEqualTo("max-age=31536000; includeSubDomains; preload");
        String csp = response.get("Content-Security-Policy");
        assertThat(csp).as("the CSP allows exactly the scripts and styles carrying the upstream's nonce")
                .contains("script-src 'self' 'nonce-" + nonce + "'", "style-src 'self' 'nonce-" + nonce + "'",
                        "object-src 'none'", "frame-ancestors 'none'", "report-uri /_warden/csp-report")
                .doesNotContain("unsafe-inline", "unsafe-eval", "{nonce}");
        assertThat(response.get("Reporting-Endpoints")).isEqualTo("warden-csp=\"/_warden/csp-report\"");
    }

    @Test
    void hstsOnlyOverHttps() {
        HeaderPolicies policies = new HeaderPolicies(Environment.PRODUCTION, HeadersConfig.defaults());
        TestHeaders plain = respond(policies.base(), Req.get("/", false), new TestHeaders());
        assertThat(plain.contains("Strict-Transport-Security"))
                .as("HSTS over plain HTTP is ignored by browsers and misleads readers").isFalse();
        assertThat(plain.get("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void developmentIsPermissiveAndNeverPinsLocalhostToHttps() {
        HeaderPolicies policies = new HeaderPolicies(Environment.DEVELOPMENT, HeadersConfig.defaults());
        RequestContext request = Req.get("/", true);
        new CspNonces(r -> policies.base(), nonces).check(request);
        TestHeaders response = respond(policies.base(), request, new TestHeaders());
        assertThat(request.upstreamHeaders()).as("no nonce where the CSP does not use one").isEmpty();
        assertThat(response.get("Content-Security-Policy")).contains("'unsafe-inline'", "'unsafe-eval'");
        assertThat(response.contains("Strict-Transport-Security")).isFalse();
        assertThat(response.get("Cross-Origin-Resource-Policy")).isEqualTo("same-site");
        assertThat(response.get("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void stagingIsAsStrictAsProduction() {
        HeaderPolicy staging = new HeaderPolicies(Environment.STAGING, HeadersConfig.defaults()).base();
        HeaderPolicy production = new HeaderPolicies(Environment.PRODUCTION, HeadersConfig.defaults()).base();
        assertThat(staging).isEqualTo(production);
    }

    @Test
    void warden_policy_wins_over_the_upstream_unless_configured_to_keep() {
        HeaderPolicies replace = new HeaderPolicies(Environment.PRODUCTION, HeadersConfig.defaults());
        TestHeaders upstream = TestHeaders.of("X-Frame-Options", "ALLOWALL", "Content-Security-Policy", "default-src *");
        respond(replace.base(), Req.get("/", true), upstream);
        assertThat(upstream.getAll("X-Frame-Options")).containsExactly("DENY");
        assertThat(upstream.get("Content-Security-Policy")).startsWith("default-src 'self'");

        WardenConfig keepConfig = ConfigFixtures.with("headers.upstreamHeaders", "keep");
        HeaderPolicies keep = new HeaderPolicies(Environment.PRODUCTION, keepConfig.headers());
        TestHeaders kept = TestHeaders.of("X-Frame-Options", "SAMEORIGIN");
        respond(keep.base(), Req.get("/", true), kept);
        assertThat(kept.getAll("X-Frame-Options")).containsExactly("SAMEORIGIN");
        assertThat(kept.get("X-Content-Type-Options")).as("headers the upstream did not set are still added")
                .isEqualTo("nosniff");
    }

    @Test
    void configuredValuesReplaceTheEnvironmentsAndEmptyMeansNone() {
        WardenConfig config = ConfigFixtures.with("headers.crossOriginEmbedderPolicy", "credentialless",
                "headers.frameOptions", "", "headers.csp.policy", "default-src 'self'",
                "headers.csp.reportOnly", true, "headers.csp.reportPath", null);
        HeaderPolicy policy = new HeaderPolicies(Environment.PRODUCTION, config.headers()).base();
        TestHeaders response = respond(policy, Req.get("/", true), new TestHeaders());
        assertThat(response.get("Cross-Origin-Embedder-Policy")).isEqualTo("credentialless");
        assertThat(response.contains("X-Frame-Options")).isFalse();
        assertThat(response.contains("Content-Security-Policy")).isFalse();
        assertThat(response.get("Content-Security-Policy-Report-Only")).isEqualTo("default-src 'self'");
        assertThat(response.contains("Reporting-Endpoints")).as("no endpoint, no report directives").isFalse();
    }

    @Test
    void aRouteOverridesOnlyWhatItNames() {
        HeaderPolicies policies = new HeaderPolicies(Environment.PRODUCTION, HeadersConfig.defaults());
        HeaderPolicy widget = policies.forRoute(new HeaderOverrides(UpstreamHeaderRule.KEEP, null, "", null, null,
                "cross-origin", null, null, null, "frame-ancestors https://partner.example", null));
        assertThat(widget.header("X-Frame-Options")).isNull();
        assertThat(widget.header("Cross-Origin-Resource-Policy")).isEqualTo("cross-origin");
        assertThat(widget.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(widget.csp().policy()).startsWith("frame-ancestors https://partner.example")
                .contains("report-uri /_warden/csp-report");
        assertThat(widget.upstreamHeaders()).isEqualTo(UpstreamHeaderRule.KEEP);
        assertThat(policies.forRoute(null)).isSameAs(policies.base());
    }

    @Test
    void aClientCannotChooseTheNonce() {
        HeaderPolicies policies = new HeaderPolicies(Environment.PRODUCTION, HeadersConfig.defaults());
        RequestContext request = Req.get("/", true, "X-CSP-Nonce", "attacker");
        new CspNonces(r -> policies.base(), nonces).check(request);
        assertThat(request.removedUpstreamHeaders()).contains("X-CSP-Nonce");
        assertThat(request.upstreamHeaders().get("X-CSP-Nonce")).isNotEqualTo("attacker");
    }

    @Test
    void noncesAreFreshEveryTime() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(nonces.next())).as("nonce %d repeats an earlier one", i).isTrue();
        }
    }

    @Test
    void aCspWithoutItsNonceDropsTheNonceSourcesAndStaysStrict() {
        CspTemplate csp = CspTemplate.of("script-src 'nonce-{nonce}'; style-src 'self' 'nonce-{nonce}'");
        assertThat(csp.render(null)).isEqualTo("script-src; style-src 'self'");
        assertThat(csp.render("abc")).isEqualTo("script-src 'nonce-abc'; style-src 'self' 'nonce-abc'");
    }

    private static TestHeaders respond(HeaderPolicy policy, RequestContext request, TestHeaders response) {
        new SecurityHeaders(r -> policy).onResponse(request, 200, response);
        return response;
    }
}
