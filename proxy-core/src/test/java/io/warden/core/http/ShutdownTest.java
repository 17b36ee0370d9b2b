package io.warden.core.http;

import io.warden.core.server.Lifecycle;
import io.warden.core.testing.TestUpstream;
import io.warden.core.testing.WardenFixture;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A graceful stop lets the request in flight finish and takes no new ones. */
class ShutdownTest {

    @Test
    void inFlightRequestFinishesDuringShutdown() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        try (TestUpstream upstream = new TestUpstream().on("/slow", (ctx, req) -> {
            arrived.countDown();
            ctx.executor().schedule(() -> ctx.writeAndFlush(TestUpstream.json(200, "{\"done\":true}")),
                    1, TimeUnit.SECONDS);
        })) {
            WardenFixture warden = WardenFixture.start(upstream.url(), "server.drainTimeout=10s");
            int port = warden.port();
            var inFlight = warden.client().sendAsync(
                    java.net.http.HttpRequest.newBuilder(warden.uri("/slow")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(arrived.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(warden::close);
            Thread.sleep(200);
            assertThat(warden.warden().lifecycle().phase()).isEqualTo(Lifecycle.Phase.DRAINING);
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
                    .as("no new connections while draining").isInstanceOf(ConnectException.class);
            var response = inFlight.get(10, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"done\":true}");
            stopping.get(10, TimeUnit.SECONDS);
            assertThat(warden.warden().lifecycle().phase()).isEqualTo(Lifecycle.Phase.STOPPED);
        }
    }
}
