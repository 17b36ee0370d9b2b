package io.warden.core.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The endpoints of the real-estate chat backend, imitated: enough for the demo and for tests of
 * {@code conf/examples/real-estate.yaml} against something shaped like the real thing. It trusts
 * what Warden forwards (X-Warden-Subject) and sends version banners, as real backends do.
 */
final class DemoApi extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final String DEMO_USER = "agent@example.com";
    static final String DEMO_PASSWORD = "demo-password";

    private final ObjectMapper json;
    private final byte[] page;
    private final DemoTokens tokens;

    DemoApi(ObjectMapper json, byte[] page, DemoTokens tokens) {
        this.json = json;
        this.page = page;
        this.tokens = tokens;
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
            case "POST /api/auth/login" -> login(ctx, request);
            case "POST /api/auth/refresh" -> refresh(ctx, request);
            case "GET /api/me" -> {
                String subject = request.headers().get("X-Warden-Subject");
                if (subject == null) {
                    sendJson(ctx, request, 401, Map.of("detail", "Not authenticated"));
                } else {
                    sendJson(ctx, request, 200, Map.of("email", subject, "role", "agent"));
                }
            }
            case "POST /api/chat" -> {
                JsonNode body = readJson(request);
                sendJson(ctx, request, 200, Map.of("reply", "Happy to help with: " + body.path("message").asText("")));
            }
            case "GET /api/chat/stream" -> stream(ctx, uri);
            case "GET /api/properties/search" -> search(ctx, request, uri);
            case "POST /api/commission" -> {
                JsonNode body = readJson(request);
                double price = body.path("sale_price").asDouble();
                double rate = body.path("commission_rate").asDouble();
                sendJson(ctx, request, 200, Map.of("commission", Math.round(price * rate * 100) / 100.0));
            }
            case "GET /api/files" -> sendJson(ctx, request, 200,
                    Map.of("name", first(uri, "name", ""), "size", 1024));
            case "POST /api/upload" ->
                    sendJson(ctx, request, 200, Map.of("received", request.content().readableBytes()));
            default -> sendJson(ctx, request, 404, Map.of("detail", "Not Found"));
        }
    }

    private void login(ChannelHandlerContext ctx, FullHttpRequest request) throws IOException {
        JsonNode body = readJson(request);
        if (!DEMO_USER.equals(body.path("username").asText()) || !DEMO_PASSWORD.equals(body.path("password").asText())) {
            sendJson(ctx, request, 401, Map.of("detail", "Incorrect username or password"));
            return;
        }
        sendJson(ctx, request, 200, Map.of("access_token", tokens.access(DEMO_USER, "agent"),
                "refresh_token", tokens.refresh(DEMO_USER), "token_type", "bearer",
                "expires_in", DemoTokens.accessLifetime().toSeconds()));
    }

    private void refresh(ChannelHandlerContext ctx, FullHttpRequest request) throws IOException {
        String subject = tokens.refreshSubject(readJson(request).path("refresh_token").asText(""));
        if (subject == null) {
            sendJson(ctx, request, 401, Map.of("detail", "Invalid refresh token"));
            return;
        }
        sendJson(ctx, request, 200, Map.of("access_token", tokens.access(subject, "agent"), "token_type", "bearer"));
    }

    private void search(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) throws IOException {
        ArrayNode results = json.createArrayNode();
        String q = first(uri, "q", "");
        results.addObject().put("id", 1).put("address", "14 Elm St").put("price", 485000).put("match", q);
        results.addObject().put("id", 2).put("address", "5th Ave loft").put("price", 920000).put("match", q);
        sendJson(ctx, request, 200, Map.of("results", results));
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
        int count = Math.min(Integer.parseInt(first(uri, "n", "8")), 100);
        for (int i = 0; i < count; i++) {
            String word = words[i % words.length];
            ctx.executor().schedule(() -> ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(
                    "data: {\"token\":\"" + word + "\"}\n\n", StandardCharsets.UTF_8))), 300L * (i + 1),
                    TimeUnit.MILLISECONDS);
        }
        ctx.executor().schedule(() -> ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(
                "event: done\ndata: {}\n\n", StandardCharsets.UTF_8))).addListener(f ->
                ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)), 300L * (count + 1), TimeUnit.MILLISECONDS);
    }

    private JsonNode readJson(FullHttpRequest request) throws IOException {
        String text = request.content().toString(StandardCharsets.UTF_8);
        return text.isBlank() ? json.createObjectNode() : json.readTree(text);
    }

    private static String first(QueryStringDecoder uri, String name, String fallback) {
        List<String> values = uri.parameters().get(name);
        return values == null || values.isEmpty() ? fallback : values.get(0);
    }

    private void sendJson(ChannelHandlerContext ctx, FullHttpRequest request, int status, Object body)
            throws IOException {
        send(ctx, request, status, "application/json", json.writeValueAsBytes(body));
    }

    private static void send(ChannelHandlerContext ctx, FullHttpRequest request, int status, String type, byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, type)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.SERVER, "uvicorn")
                .set("X-Powered-By", "FastAPI-demo");
        if (HttpUtil.isKeepAlive(request)) {
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
