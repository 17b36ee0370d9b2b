package io.warden.core.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.warden.core.testing.TestUpstream;
import io.warden.core.testing.WardenFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests and responses pass through whole, streaming, and reuse upstream connections. */
class RelayTest {

    private TestUpstream upstream;
    private WardenFixture warden;

    @BeforeEach
    void start() throws Exception {
        upstream = new TestUpstream();
        warden = WardenFixture.start(upstream.url());
    }

    @AfterEach
    void stop() {
        warden.close();
        upstream.close();
    }

    @Test
    void sequentialRequestsReuseOneUpstreamConnection() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(warden.get("/api/item/" + i).statusCode()).isEqualTo(200);
        }
        assertThat(upstream.received()).hasSize(20);
        assertThat(upstream.connectionsAccepted())
                .as("keep-alive connections to the upstream are pooled, not opened per request")
                .isEqualTo(1);
    }

    @Test
    void chunkedUploadArrivesWhole() throws Exception {
        byte[] body = new byte[3 * 1024 * 1024 + 17];
        Arrays.fill(body, (byte) 'x');
        body[body.length - 1] = 'z';
        HttpRequest request = HttpRequest.newBuilder(warden.uri("/api/upload"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        var response = warden.client().send(request, BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        TestUpstream.Received received = upstream.last();
        assertThat(received.body()).as("every byte of a 3 MB chunked body, in order").isEqualTo(body);
    }

    @Test
    void serverSentEventsArriveWhileTheUpstreamIsStillSending() throws Exception {
        CountDownLatch firstSeen = new CountDownLatch(1);
        CountDownLatch secondSent = new CountDownLatch(1);
        upstream.on("/api/chat/stream", (ctx, req) -> {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
                    .set(HttpHeaderNames.TRANSFER_ENCODING, "chunked");
            ctx.write(head);
            ctx.writeAndFlush(event("first"));
            new Thread(() -> {
                try {
                    // the second event is sent only once the client has the first: nothing is buffered
                    if (firstSeen.await(10, TimeUnit.SECONDS)) {
                        ctx.writeAndFlush(event("second"));
                        secondSent.countDown();
                        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }).start();
        });
        var response = warden.client().send(HttpRequest.newBuilder(warden.uri("/api/chat/stream")).build(),
                BodyHandlers.ofInputStream());
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(reader.readLine()).isEqualTo("data: first");
            assertThat(secondSent.getCount()).as("the first event arrived before the second was sent").isEqualTo(1);
            firstSeen.countDown();
            assertThat(reader.readLine()).isEmpty();
            assertThat(reader.readLine()).isEqualTo("data: second");
        }
    }

    @Test
    void webSocketEchoRelaysBothWays() throws Exception {
        List<String> messages = new CopyOnWriteArrayList<>();
        CountDownLatch two = new CountDownLatch(2);
        WebSocket socket = warden.client().newWebSocketBuilder()
                .buildAsync(java.net.URI.create("ws://127.0.0.1:" + warden.port() + "/ws"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        messages.add(data.toString());
                        two.countDown();
                        ws.request(1);
                        return CompletableFuture.completedFuture(null);
                    }
                }).get(5, TimeUnit.SECONDS);
        socket.sendText("hello", true).get(5, TimeUnit.SECONDS);
        socket.sendText("second message", true).get(5, TimeUnit.SECONDS);
        assertThat(two.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(messages).containsExactly("echo:hello", "echo:second message");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
    }

    @Test
    void responsesCarryRequestIdAndLoseVersionBanners() throws Exception {
        var response = warden.get("/anything");
        assertThat(response.headers().firstValue("x-request-id")).isPresent();
        assertThat(response.headers().firstValue("server")).as("upstream banner removed").isEmpty();
        assertThat(response.headers().firstValue("x-powered-by")).as("framework banner removed").isEmpty();
        assertThat(upstream.last().header("X-Request-ID"))
                .isEqualTo(response.headers().firstValue("x-request-id").orElseThrow());
    }

    @Test
    void headRequestsAndEmptyResponsesKeepTheConnectionUsable() throws Exception {
        upstream.on("/empty", (ctx, req) -> ctx.writeAndFlush(TestUpstream.json(204, "")));
        var head = warden.client().send(HttpRequest.newBuilder(warden.uri("/anything"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(warden.get("/empty").statusCode()).isEqualTo(204);
        assertThat(warden.get("/after").statusCode()).isEqualTo(200);
    }

    @Test
    void responseWithoutLengthIsChunkedForTheClient() throws Exception {
        upstream.on("/until-close", (ctx, req) -> {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONNECTION, "close");
            ctx.write(head);
            ctx.write(new DefaultHttpContent(Unpooled.copiedBuffer("read until the upstream closes",
                    StandardCharsets.UTF_8)));
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(f -> ctx.close());
        });
        var response = warden.get("/until-close");
        assertThat(response.body()).isEqualTo("read until the upstream closes");
        assertThat(warden.get("/next").statusCode()).as("the client connection survives").isEqualTo(200);
    }

    private static DefaultHttpContent event(String data) {
        return new DefaultHttpContent(Unpooled.copiedBuffer("data: " + data + "\n\n", StandardCharsets.UTF_8));
    }
}
