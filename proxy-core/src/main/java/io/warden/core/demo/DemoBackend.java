package io.warden.core.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.warden.core.server.Transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The sample backend of {@code scripts/run.sh --demo}: a page listing what to try, a few JSON
 * endpoints, an SSE stream and a WebSocket echo, shaped like the chat platform Warden guards.
 * It deliberately sends version banners, so the demo shows Warden removing them.
 */
public final class DemoBackend implements AutoCloseable {

    private static final int MAX_BODY = 11 * 1024 * 1024;

    private final EventLoopGroup group;
    private final Channel channel;

    private DemoBackend(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    public static DemoBackend start(String host, int port) throws InterruptedException {
        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(1, "demo-backend");
        ObjectMapper json = new ObjectMapper();
        byte[] page = loadPage();
        Channel channel = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(MAX_BODY))
                                .addLast(new WebSocketServerProtocolHandler("/ws/chat", null, true))
                                .addLast(new EchoSocket())
                                .addLast(new Routes(json, page));
                    }
                })
                .bind(host, port).sync().channel();
        return new DemoBackend(group, channel);
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private static byte[] loadPage() {
        try (InputStream in = DemoBackend.class.getResourceAsStream("/demo/index.html")) {
            if (in == null) {
                throw new IllegalStateException("demo page missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the demo page", e);
        }
    }

    /** Answers every text frame with an echo, like a chat room of one. */
    private static final class EchoSocket extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            ctx.writeAndFlush(new TextWebSocketFrame("{\"echo\":" + quote(frame.text()) + "}"));
        }
    }

    private static final class Routes extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final ObjectMapper json;
        private final byte[] page;

        Routes(ObjectMapper json, byte[] page) {
            this.json = json;
            this.page = page;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) throws Exception {
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            String route = request.method().name() + " " + uri.path();
            switch (route) {
                case "GET /" -> send(ctx, request, 200, "text/html; charset=utf-8", page);
                case "GET /api/health" -> sendJson(ctx, request, 200, Map.of("status", "ok", "service", "demo"));
                case "GET /api/headers" -> {
                    ObjectNode headers = json.createObjectNode();
                    request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
                    sendJson(ctx, request, 200, Map.of("headers", headers));
                }
                case "POST /api/chat" -> {
                    JsonNode body = json.readTree(request.content().toString(StandardCharsets.UTF_8));
                    String message = body.path("message").asText("");
                    sendJson(ctx, request, 200, Map.of("reply", "You asked about: " + message));
                }
                case "GET /api/chat/stream" -> stream(ctx, uri);
                case "GET /api/properties/search" -> {
                    ArrayNode results = json.createArrayNode();
                    String q = uri.parameters().getOrDefault("q", java.util.List.of("")).get(0);
                    results.addObject().put("id", 1).put("address", "14 Elm St").put("price", 485000).put("match", q);
                    results.addObject().put("id", 2).put("address", "5th Ave loft").put("price", 920000).put("match", q);
                    sendJson(ctx, request, 200, Map.of("results", results));
                }
                case "POST /api/upload" ->
                        sendJson(ctx, request, 200, Map.of("received", request.content().readableBytes()));
                default -> sendJson(ctx, request, 404, Map.of("detail", "Not Found"));
            }
        }

        /** An AI-style answer streamed as Server-Sent Events, one token group every 300 ms. */
        private void stream(ChannelHandlerContext ctx, QueryStringDecoder uri) {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
                    .set(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                    .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED)
                    .set(HttpHeaderNames.SERVER, "uvicorn");
            ctx.writeAndFlush(head);
            String[] words = {"Three", "homes", "match", "your", "search", "near", "Union", "Square."};
            int count = Integer.parseInt(uri.parameters().getOrDefault("n", java.util.List.of("8")).get(0));
            for (int i = 0; i < Math.min(count, 100); i++) {
                String word = words[i % words.length];
                ctx.executor().schedule(() -> ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(
                        "data: {\"token\":\"" + word + "\"}\n\n", StandardCharsets.UTF_8))), 300L * (i + 1),
                        TimeUnit.MILLISECONDS);
            }
            ctx.executor().schedule(() -> ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(
                    "event: done\ndata: {}\n\n", StandardCharsets.UTF_8))).addListener(f ->
                    ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)), 300L * (Math.min(count, 100) + 1),
                    TimeUnit.MILLISECONDS);
        }

        private void sendJson(ChannelHandlerContext ctx, FullHttpRequest request, int status, Object body)
                throws IOException {
            send(ctx, request, status, "application/json", json.writeValueAsBytes(body));
        }

        private static void send(ChannelHandlerContext ctx, FullHttpRequest request, int status, String type,
                                 byte[] body) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, type)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set(HttpHeaderNames.SERVER, "uvicorn")
                    .set("X-Powered-By", "FastAPI-demo");
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (keepAlive) {
                ctx.writeAndFlush(response);
            } else {
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }

    private static String quote(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
