package io.warden.admin;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventSink;
import io.warden.rules.events.EventType;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.pipeline.RequestIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Authenticates, routes and answers one admin request; failures are short JSON, never stack traces. */
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(AdminHandler.class);

    private final AdminRoutes routes;
    private final BearerToken token;
    private final EventSink events;
    private final EventFactory eventFactory;

    AdminHandler(AdminRoutes routes, BearerToken token, EventSink events, EventFactory eventFactory) {
        this.routes = routes;
        this.token = token;
        this.events = events;
        this.eventFactory = eventFactory;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String requestId = RequestIds.newId();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (request.decoderResult().isFailure()) {
            write(ctx, error(400, "malformed request", requestId), requestId, false);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String method = request.method().name();
        AdminRoutes.Route route = routes.find(method, uri.path());
        if (route == null) {
            boolean known = routes.knowsPath(uri.path());
            write(ctx, error(known ? 405 : 404, known ? "method not allowed" : "not found", requestId), requestId,
                    keepAlive);
            return;
        }
        String remote = remoteAddress(ctx);
        boolean authenticated = token.matches(request.headers().get(HttpHeaderNames.AUTHORIZATION));
        if (route.requiresToken() && !authenticated) {
            boolean sent = request.headers().contains(HttpHeaderNames.AUTHORIZATION);
            events.emit(eventFactory.create(EventType.AUTHENTICATION_FAILURE, ThreatLevel.MEDIUM, remote, requestId,
                    "admin", Map.of("reason", sent ? "invalid admin token" : "missing admin token",
                            "path", uri.path())));
            AdminResponse denied = error(401, token.configured() ? "unauthorized" : "admin token not configured",
                    requestId);
            write(ctx, new AdminResponse(denied.status(), denied.contentType(), denied.body(),
                    Map.of("WWW-Authenticate", "Bearer realm=\"warden-admin\"")), requestId, keepAlive);
            return;
        }
        AdminRequest adminRequest = new AdminRequest(method, uri.path(), uri.parameters(),
                ByteBufUtil.getBytes(request.content()), authenticated, remote, requestId,
                authenticated ? token.fingerprint() : null);
        AdminResponse response;
        try {
            response = route.endpoint().handle(adminRequest);
        } catch (AdminException e) {
            response = error(e.status(), e.getMessage(), requestId);
        } catch (RuntimeException e) {
            LOG.error("admin endpoint {} {} failed (request {})", method, uri.path(), requestId, e);
            response = error(500, "internal error", requestId);
        }
        write(ctx, response, requestId, keepAlive);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("admin connection failed", cause);
        ctx.close();
    }

    static AdminResponse error(int status, String reason, String requestId) {
        String body = "{\"error\":\"" + reason.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"status\":" + status
                + ",\"requestId\":\"" + requestId + "\"}";
        return AdminResponse.json(status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(ChannelHandlerContext ctx, AdminResponse response, String requestId, boolean keepAlive) {
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.body()));
        HttpHeaders h = out.headers();
        h.set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        h.setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
        h.set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
        h.set("X-Request-ID", requestId);
        response.headers().forEach(h::set);
        if (!h.contains("Content-Security-Policy")) {
            h.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        }
        if (keepAlive) {
            ctx.writeAndFlush(out);
        } else {
            h.set(HttpHeaderNames.CONNECTION, "close");
            ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static String remoteAddress(ChannelHandlerContext ctx) {
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null) {
            return a.getAddress().getHostAddress();
        }
        return null;
    }
}
