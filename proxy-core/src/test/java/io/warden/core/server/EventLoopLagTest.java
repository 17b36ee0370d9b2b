package io.warden.core.server;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.warden.core.testing.Eventually;
import io.warden.core.testing.TestUpstream;
import io.warden.core.testing.WardenFixture;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A stalled event loop shows as lag at once, while it is stalled, and the lag clears after. */
class EventLoopLagTest {

    private static final String TOKEN = "test-admin-token-0123456789abcdefghij";

    @Test
    void aStalledLoopShowsAsLagWhileItIsStalled() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try {
            EventLoopLag lag = new EventLoopLag();
            lag.watch(group, TimeUnit.MILLISECONDS.toNanos(20));
            Thread.sleep(200);
            assertThat(lag.currentNanos()).as("idle loops run on time").isLessThan(TimeUnit.MILLISECONDS.toNanos(150));

            group.next().execute(() -> sleep(600));
            assertThat(Eventually.within(2000, () -> lag.currentNanos() >= TimeUnit.MILLISECONDS.toNanos(300)))
                    .as("an overdue probe counts before it runs: a stuck loop is seen while stuck").isTrue();
            assertThat(Eventually.within(3000, () -> lag.currentNanos() < TimeUnit.MILLISECONDS.toNanos(150)))
                    .as("and the lag clears once the loop runs again").isTrue();
            assertThat(lag.samples().collect().getDataPoints().get(0).getCount()).isPositive();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void lagIsOnMetricsAndInHealth() throws Exception {
        try (TestUpstream upstream = new TestUpstream();
             WardenFixture warden = WardenFixture.start(upstream.url(), "admin.token=" + TOKEN)) {
            assertThat(admin(warden, "/metrics")).contains("warden_event_loop_lag_seconds_bucket")
                    .contains("warden_event_loop_lag_current_seconds").contains("warden_connections_refused_total");
            assertThat(admin(warden, "/api/security/health")).contains("\"eventLoops\"");
        }
    }

    private static String admin(WardenFixture warden, String path) throws Exception {
        return warden.client().send(java.net.http.HttpRequest.newBuilder(warden.adminUri(path))
                .header("Authorization", "Bearer " + TOKEN).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
