package io.warden.core.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.warden.core.server.Transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
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

    /**
     * @param jwtSecret the secret its tokens are signed with, the one Warden verifies them with
     */
    public static DemoBackend start(String host, int port, String jwtSecret) throws InterruptedException {
        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(1, "demo-backend");
        ObjectMapper json = new ObjectMapper();
        byte[] page = loadPage();
        DemoTokens tokens = new DemoTokens(jwtSecret);
        Channel channel = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(MAX_BODY))
                                .addLast(new WebSocketServerProtocolHandler("/ws/chat", "bearer", true))
                                .addLast(new EchoSocket())
                                .addLast(new DemoApi(json, page, tokens));
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
