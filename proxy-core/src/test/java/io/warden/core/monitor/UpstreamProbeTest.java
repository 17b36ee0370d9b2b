package io.warden.core.monitor;

import io.warden.rules.health.HealthStatus;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamProbeTest {

    private static void awaitChecked(UpstreamProbe probe) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (probe.health().detail().equals("not checked yet") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void aClosedPortIsUnreachableAndAListeningOneReachable() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (UpstreamProbe probe = new UpstreamProbe("127.0.0.1", closed, 1, () -> 0)) {
            awaitChecked(probe);
            assertThat(probe.health().status()).isEqualTo(HealthStatus.DEGRADED);
            assertThat(probe.health().detail()).contains("unreachable");
        }
        try (ServerSocket listening = new ServerSocket(0);
             UpstreamProbe probe = new UpstreamProbe("127.0.0.1", listening.getLocalPort(), 1, () -> 0)) {
            awaitChecked(probe);
            assertThat(probe.health().status()).isEqualTo(HealthStatus.OK);
        }
    }

    @Test
    void responsesFromTheUpstreamProveItReachableWithoutProbing() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (UpstreamProbe probe = new UpstreamProbe("127.0.0.1", closed, 1, () -> 7)) {
            awaitChecked(probe);
            assertThat(probe.health().detail()).isEqualTo("7 responses from 127.0.0.1:" + closed + " since the last check");
        }
    }
}
