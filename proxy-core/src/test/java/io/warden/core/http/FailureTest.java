package io.warden.core.http;

import io.warden.core.testing.RawHttp;
import io.warden.core.testing.TestUpstream;
import io.warden.core.testing.WardenFixture;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

/** When the upstream fails, the client gets the contract's answer, never a hang or a stack trace. */
class FailureTest {

    @Test
    void unreachableUpstreamIs502() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (WardenFixture warden = WardenFixture.start("http://127.0.0.1:" + closedPort)) {
            var response = warden.get("/api/health");
            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(response.body()).contains("\"status\":502").contains("\"requestId\":\"")
                    .doesNotContain("Exception").doesNotContain("127.0.0.1");
            assertThat(warden.get("/again").statusCode()).as("the client connection stays usable").isEqualTo(502);
        }
    }

    @Test
    void silentUpstreamIs504AfterTheResponseTimeout() throws Exception {
        try (TestUpstream upstream = new TestUpstream().on("/slow", (ctx, req) -> { });
             WardenFixture warden = WardenFixture.start(upstream.url(), "upstream.responseTimeout=1s")) {
            long start = System.nanoTime();
            var response = warden.get("/slow");
            assertThat(response.statusCode()).isEqualTo(504);
            assertThat(response.body()).contains("\"status\":504");
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(900);
            assertThat(warden.get("/fine").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void upstreamClosingBeforeAnsweringIs502() throws Exception {
        try (TestUpstream upstream = new TestUpstream().on("/drop", (ctx, req) -> ctx.close());
             WardenFixture warden = WardenFixture.start(upstream.url())) {
            assertThat(warden.get("/drop").statusCode()).isEqualTo(502);
        }
    }

    @Test
    void exhaustedPoolSheds503WithRetryAfter() throws Exception {
        try (TestUpstream upstream = new TestUpstream().on("/hold", (ctx, req) -> { });
             WardenFixture warden = WardenFixture.start(upstream.url(), "server.ioThreads=1",
                     "upstream.pool.maxConnections=1", "upstream.pool.maxPending=0")) {
            try (RawHttp holder = new RawHttp(warden.port())) {
                holder.send("GET /hold HTTP/1.1\r\nHost: x\r\n\r\n");
                Thread.sleep(300);
                var response = warden.get("/other");
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.headers().firstValue("retry-after")).hasValue("1");
            }
        }
    }
}
