package io.warden.core.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.warden.core.testing.TestUpstream;
import io.warden.core.testing.WardenProcess;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Responses are streamed, never held: 200 MB pass through a Warden whose whole heap is 48 MB. */
class LargeResponseTest {

    private static final long SIZE = 200L * 1024 * 1024;
    private static final int CHUNK = 64 * 1024;

    @Test
    void twoHundredMegabytesThroughASmallHeap() throws Exception {
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        try (TestUpstream upstream = new TestUpstream().on("/big", (ctx, req) -> streamBig(ctx, sent));
             WardenProcess warden = WardenProcess.start(List.of("-Xmx48m", "-XX:+UseSerialGC"),
                     "--upstream", upstream.url())) {
            HttpClient client = HttpClient.newHttpClient();
            var response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + warden.port() + "/big"))
                    .build(), BodyHandlers.ofInputStream());
            MessageDigest received = MessageDigest.getInstance("SHA-256");
            long total = 0;
            try (InputStream body = response.body()) {
                byte[] buf = new byte[CHUNK];
                int n;
                while ((n = body.read(buf)) >= 0) {
                    received.update(buf, 0, n);
                    total += n;
                }
            }
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(total).isEqualTo(SIZE);
            assertThat(HexFormat.of().formatHex(received.digest()))
                    .as("every byte, in order").isEqualTo(HexFormat.of().formatHex(sent.digest()));
            assertThat(warden.process().isAlive()).as("no OutOfMemoryError").isTrue();
            assertThat(warden.log()).doesNotContain("OutOfMemoryError");
        }
    }

    private static void streamBig(ChannelHandlerContext ctx, MessageDigest digest) {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_LENGTH, SIZE).set(HttpHeaderNames.CONTENT_TYPE,
                "application/octet-stream");
        ctx.write(head);
        writeChunks(ctx, digest, 0);
    }

    /**
     * Writes while the socket takes it, then waits for the flush: backpressure on the upstream side
     * too. Chunks wrap plain arrays (numbered, so a lost or repeated chunk changes the digest):
     * pooled buffers under the tests' paranoid leak detector would make this test measure that.
     */
    private static void writeChunks(ChannelHandlerContext ctx, MessageDigest digest, long offset) {
        long position = offset;
        while (position < SIZE) {
            byte[] bytes = new byte[CHUNK];
            for (int i = 0; i < CHUNK; i++) {
                bytes[i] = (byte) ((position + i) * 31 % 251);
            }
            long index = position / CHUNK;
            for (int b = 0; b < 8; b++) {
                bytes[b] = (byte) (index >>> (8 * b));
            }
            digest.update(bytes);
            position += CHUNK;
            var future = ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(bytes)));
            if (!ctx.channel().isWritable()) {
                long next = position;
                future.addListener(f -> {
                    if (f.isSuccess()) {
                        writeChunks(ctx, digest, next);
                    }
                });
                return;
            }
        }
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    }
}
