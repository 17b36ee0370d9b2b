package io.warden.core.http;

import io.warden.core.testing.Eventually;
import io.warden.core.testing.RawHttp;
import io.warden.core.testing.RecordedEvents;
import io.warden.core.testing.TestUpstream;
import io.warden.core.testing.WardenFixture;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The connection caps with real sockets: refused at accept, reported, and freed on close. */
class ConnectionLimitTest {

    private TestUpstream upstream;
    private final List<RawHttp> held = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        upstream = new TestUpstream();
    }

    @AfterEach
    void stop() throws Exception {
        for (RawHttp raw : held) {
            raw.close();
        }
        upstream.close();
    }

    @Test
    void oneAddressOverItsCapIsRefusedAtAcceptAndReported() throws Exception {
        try (WardenFixture warden = WardenFixture.start(upstream.url(), "server.maxConnectionsPerAddress=3")) {
            RecordedEvents events = RecordedEvents.of(warden);
            hold(warden, 3);
            try (RawHttp fourth = new RawHttp(warden.port())) {
                assertThat(fourth.closedByPeer(3000)).as("the fourth connection from one address is closed at once")
                        .isTrue();
            }
            SecurityEvent refused = events.await(EventType.CONNECTION_REFUSED, 1).get(0);
            assertThat(refused.sourceIp()).isEqualTo("127.0.0.1");
            assertThat(refused.details()).containsEntry("reason", "too many connections from this address")
                    .containsEntry("limit", 3);
            assertThat(Eventually.within(3000, () -> warden.warden().metrics().connectionsRefusedPerAddress() == 1))
                    .isTrue();

            held.remove(0).close();
            assertThat(Eventually.within(3000, () -> servedOnce(warden)))
                    .as("a closed connection frees its slot").isTrue();
        }
    }

    @Test
    void theGlobalCapHoldsAcrossAddresses() throws Exception {
        try (WardenFixture warden = WardenFixture.start(upstream.url(), "server.maxConnections=4",
                "server.maxConnectionsPerAddress=4")) {
            hold(warden, 4);
            try (RawHttp fifth = new RawHttp(warden.port())) {
                assertThat(fifth.closedByPeer(3000)).isTrue();
            }
            assertThat(Eventually.within(3000, () -> warden.warden().metrics().connectionsRefusedOverall() == 1))
                    .isTrue();
            assertThat(warden.warden().metrics().openConnections()).isEqualTo(4);
        }
    }

    @Test
    void aTrustedProxyIsNotCappedPerAddress() throws Exception {
        try (WardenFixture warden = WardenFixture.start(upstream.url(), "server.maxConnectionsPerAddress=2",
                "trustedProxies=[127.0.0.1/32]")) {
            hold(warden, 5);
            assertThat(servedOnce(warden)).as("a load balancer carries many clients over its connections").isTrue();
        }
    }

    /** Opens {@code n} idle connections and waits until Warden has admitted them all. */
    private void hold(WardenFixture warden, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            held.add(new RawHttp(warden.port()));
        }
        assertThat(Eventually.within(3000, () -> warden.warden().metrics().openConnections() == n)).isTrue();
    }

    private static boolean servedOnce(WardenFixture warden) {
        try (RawHttp raw = new RawHttp(warden.port())) {
            return raw.send("GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").readUntilClose(3000)
                    .startsWith("HTTP/1.1 200");
        } catch (Exception e) {
            return false;
        }
    }
}
