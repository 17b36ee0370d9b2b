package io.warden.core.http;

import io.warden.core.testing.RawHttp;
import io.warden.core.testing.TestUpstream;
import io.warden.core.testing.WardenFixture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Clients that hold connections without finishing a request are let go. */
class TimeoutTest {

    @Test
    void slowHeaderClientIsClosed() throws Exception {
        try (TestUpstream upstream = new TestUpstream();
             WardenFixture warden = WardenFixture.start(upstream.url(), "server.headerTimeout=1s");
             RawHttp raw = new RawHttp(warden.port())) {
            raw.send("GET /a HTTP/1.1\r\nHost: x\r\n");
            try {
                for (int i = 0; i < 4; i++) {
                    Thread.sleep(400);
                    raw.send("X-Drip-" + i + ": y\r\n");
                }
            } catch (java.io.IOException closedWhileDripping) {
                // the deadline passed while the client was still sending: exactly the point
            }
            assertThat(raw.closedByPeer(3000)).as("a head trickled past its deadline is cut off").isTrue();
            assertThat(upstream.received()).isEmpty();
        }
    }

    @Test
    void idleKeepAliveConnectionIsClosed() throws Exception {
        try (TestUpstream upstream = new TestUpstream();
             WardenFixture warden = WardenFixture.start(upstream.url(), "server.idleTimeout=1s");
             RawHttp raw = new RawHttp(warden.port())) {
            raw.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(raw.readResponse()).startsWith("HTTP/1.1 200");
            assertThat(raw.closedByPeer(3000)).isTrue();
        }
    }

    @Test
    void tricklingBodyIsCutByTheBodyDeadline() throws Exception {
        try (TestUpstream upstream = new TestUpstream();
             WardenFixture warden = WardenFixture.start(upstream.url(), "server.requestBodyTimeout=1s");
             RawHttp raw = new RawHttp(warden.port())) {
            raw.send("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n");
            for (int i = 0; i < 5; i++) {
                raw.send("x");
                Thread.sleep(300);
            }
            assertThat(raw.readUntilClose(3000)).startsWith("HTTP/1.1 408");
        }
    }
}
