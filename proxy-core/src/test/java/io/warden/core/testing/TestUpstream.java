package io.warden.core.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP upstream for tests: answers by path with a responder a test registers, records
 * every request it received and counts the connections it accepted. {@code /ws} and every path under
 * it is a WebSocket echo that records the frames it receives.
 * Unregistered paths answer 200 with a small JSON body.
 */
public final class TestUpstream implements AutoCloseable {

    /** Answers one request; may answer later, stream, or close the connection. */
    @FunctionalInterface
    public interface Responder {
        void respond(ChannelHandlerContext ctx, FullHttpRequest request) throws Exception;
    }

    /** What the upstream received. */
    public record Received(String method, String uri, HttpHeaders headers, byte[] body) {
        public String header(String name) {
            return headers.get(name);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final EventLoopGroup group;
    private final Channel channel;
    private final Map<String, Responder> responders = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> frames = new CopyOnWriteArrayList<>();

    public TestUpstream() throws InterruptedException {
        this.group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        this.channel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        connections.incrementAndGet();
                        ch.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(64 * 1024 * 1024))
                                .addLast(new Recorder())
                                .addLast(new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                        .websocketPath("/ws").checkStartsWith(true).allowExtensions(true).build()))
                                .addLast(new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame f) {
                                        ctx.writeAndFlush(new TextWebSocketFrame("echo:" + f.text()));
                                    }
                                })
                                .addLast(new Router());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    public TestUpstream on(String path, Responder responder) {
        responders.put(path, responder);
        return this;
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public List<Received> received() {
        return received;
    }

    public Received last() {
        return received.get(received.size() - 1);
    }

    public int connectionsAccepted() {
        return connections.get();
    }

    /**
     * Every WebSocket frame the upstream received, in order, as {@code text:<text>},
     * {@code continuation:<text>}, {@code binary:<n>}, {@code ping}, {@code pong} or {@code close:<code>}.
     */
    public List<String> frames() {
        return frames;
    }

    public static FullHttpResponse json(int status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return response;
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private final class Recorder extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpRequest request) {
                received.add(new Received(request.method().name(), request.uri(), request.headers().copy(),
                        ByteBufUtil.getBytes(request.content())));
            } else if (msg instanceof WebSocketFrame frame) {
                frames.add(describe(frame));
            }
            ctx.fireChannelRead(msg);
        }

        private static String describe(WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame text) {
                return "text:" + text.text();
            }
            if (frame instanceof ContinuationWebSocketFrame continuation) {
                return "continuation:" + continuation.text();
            }
            if (frame instanceof CloseWebSocketFrame close) {
                return "close:" + close.statusCode();
            }
            if (frame instanceof PingWebSocketFrame) {
                return "ping";
            }
            if (frame instanceof PongWebSocketFrame) {
                return "pong";
            }
            return "binary:" + frame.content().readableBytes();
        }
    }

    private final class Router extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) throws Exception {
            String path = request.uri();
            int q = path.indexOf('?');
            Responder responder = responders.get(q < 0 ? path : path.substring(0, q));
            if (responder == null) {
                FullHttpResponse response = json(200, "{\"ok\":true}");
                response.headers().set(HttpHeaderNames.SERVER, "uvicorn").set("X-Powered-By", "FastAPI");
                ctx.writeAndFlush(response);
                return;
            }
            responder.respond(ctx, request);
        }
    }
}
