package io.warden.core.monitor;

import io.warden.core.testing.Chromium;
import io.warden.core.testing.RawHttp;
import io.warden.core.testing.TestUpstream;
import io.warden.core.testing.WardenFixture;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static io.warden.core.monitor.AdminClient.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard page in a real headless Chromium: it renders live data and blocks from the page work. */
class DashboardPageBrowserTest {

    @Test
    void thePageRendersTheDashboardAndBlocksAndUnblocksAnAddress() throws Exception {
        try (TestUpstream upstream = new TestUpstream();
             WardenFixture warden = WardenFixture.start(upstream.url(), "admin.token=" + TOKEN,
                     "limits.maxRequestBodyBytes=100");
             Chromium browser = Chromium.start()) {
            for (int i = 0; i < 3; i++) {
                assertThat(warden.get("/api/health").statusCode()).isEqualTo(200);
            }
            try (RawHttp raw = new RawHttp(warden.port())) {
                raw.send("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 999\r\nConnection: close\r\n\r\n")
                        .readUntilClose(5000);
            }
            HttpResponse<String> page = warden.client().send(HttpRequest.newBuilder(warden.adminUri("/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp).as("inline script only with this response's nonce").contains("script-src 'nonce-")
                    .doesNotContain("unsafe-inline").contains("default-src 'none'");

            String url = "http://127.0.0.1:" + warden.warden().adminPort() + "/";
            browser.navigate(url);
            assertThat(browser.eval("document.getElementById('status').textContent").asText())
                    .isEqualTo("not connected");
            browser.eval("document.getElementById('token').value = '" + TOKEN + "';"
                    + "document.getElementById('connect').click(); true");
            browser.waitFor("document.body.getAttribute('data-loaded') === 'true'", Duration.ofSeconds(20));
            assertThat(browser.eval("location.href").asText()).as("the token never goes into a URL")
                    .doesNotContain(TOKEN);
            assertThat(browser.eval("document.getElementById('token').value").asText())
                    .as("the token is not left in the field").isEmpty();
            assertThat(browser.eval("Number(document.querySelector('#kpi-requests .value').textContent)").asLong())
                    .isGreaterThanOrEqualTo(4);
            assertThat(browser.eval("Number(document.querySelector('#kpi-rejected .value').textContent)").asLong())
                    .isGreaterThanOrEqualTo(1);
            assertThat(browser.eval("document.querySelectorAll('#chart path.series-requests').length").asInt())
                    .as("the chart is drawn").isEqualTo(1);
            assertThat(browser.eval("document.getElementById('rejections').textContent").asText())
                    .contains("request body too large");

            browser.eval("document.getElementById('block-ip').value = '127.0.0.1';"
                    + "document.getElementById('block-reason').value = 'blocked from the dashboard';"
                    + "document.getElementById('block-button').click(); true");
            browser.waitFor("document.getElementById('action-result').textContent.indexOf('blocked') >= 0",
                    Duration.ofSeconds(10));
            browser.waitFor("document.getElementById('blocks').textContent.indexOf('127.0.0.1') >= 0",
                    Duration.ofSeconds(10));
            assertThat(warden.get("/api/health").statusCode()).as("the page's block is in force").isEqualTo(403);
            browser.waitFor("document.getElementById('recent').textContent.indexOf('ip_blocked') >= 0",
                    Duration.ofSeconds(20));
            browser.screenshot(Path.of("target", "dashboard.png"));

            browser.eval("document.querySelector('#blocks button').click(); true");
            browser.waitFor("document.getElementById('action-result').textContent.indexOf('unblocked') >= 0",
                    Duration.ofSeconds(10));
            assertThat(warden.get("/api/health").statusCode()).as("unblocked from the page").isEqualTo(200);
            assertThat(browser.consoleErrors()).as("no script errors, no CSP violations").isEmpty();
        }
    }
}
