package io.warden.rules.websocket;

import io.warden.rules.config.WebSocketConfig;
import io.warden.rules.events.EventType;
import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.RequestContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AdmissionCheckTest {

    private static final WebSocketPolicy POLICY = WebSocketPolicy.of(WebSocketConfig.defaults());

    private final WsFixture f = new WsFixture();
    private final AdmissionCheck check = new AdmissionCheck(f.limits, 10, f.base.events);

    @Test
    void theEleventhConnectionFromOneAddressIsRefusedUntilOneCloses() {
        List<RequestContext> open = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            RequestContext r = WsFixture.handshake("203.0.113.7", POLICY, null);
            assertThat(check.check(r)).isInstanceOf(Decision.Proceed.class);
            open.add(r);
        }
        Decision eleventh = check.check(WsFixture.handshake("203.0.113.7", POLICY, null));
        assertThat(eleventh).as("one address may not hold more than websocket.maxConnectionsPerIp")
                .isInstanceOfSatisfying(Decision.Reject.class, r -> {
                    assertThat(r.status()).isEqualTo(429);
                    assertThat(r.headers()).containsKey("Retry-After");
                    assertThat(r.events()).extracting(e -> e.type()).containsExactly(EventType.RATE_LIMIT_VIOLATION);
                });
        assertThat(check.check(WsFixture.handshake("198.51.100.2", POLICY, null)))
                .as("another address has its own ten").isInstanceOf(Decision.Proceed.class);
        assertThat(f.limits.stats().openConnections("203.0.113.7")).isEqualTo(10);

        open.get(0).end();
        assertThat(f.limits.stats().openConnections("203.0.113.7")).isEqualTo(9);
        assertThat(check.check(WsFixture.handshake("203.0.113.7", POLICY, null))).isInstanceOf(Decision.Proceed.class);
        assertThat(f.limits.stats().busiestAddresses(1)).containsExactly(
                new WebSocketStats.AddressCount("203.0.113.7", 10));
        assertThat(f.limits.stats().openConnections()).isEqualTo(11);
    }

    @Test
    void plainRequestsTakeNoSlot() {
        RequestContext plain = WsFixture.handshake("203.0.113.7", POLICY, null, "Upgrade", null);
        assertThat(check.check(plain)).isInstanceOf(Decision.Proceed.class);
        assertThat(f.limits.stats().openConnections()).isZero();
    }
}
