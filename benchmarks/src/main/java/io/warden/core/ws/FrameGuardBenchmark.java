package io.warden.core.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.util.ReferenceCountUtil;
import io.warden.core.http.NettyHeaders;
import io.warden.core.server.SharedState;
import io.warden.rules.config.RouteConfig;
import io.warden.rules.config.RouteWebSocketConfig;
import io.warden.rules.config.WardenConfig;
import io.warden.rules.config.WebSocketConfig;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventSink;
import io.warden.rules.net.ClientAddress;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.route.RouteTable;
import io.warden.rules.time.Ticker;
import io.warden.rules.websocket.JsonMessageInspector;
import io.warden.rules.websocket.WebSocketSession;
import io.warden.rules.websocket.WebSocketSessions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The WebSocket guard's own cost per message, apart from sockets: one chat message as a masked
 * client frame through the client guard (frame rules, rate, UTF-8, and on a JSON route the JSON
 * check), and the echo as an unmasked frame through the upstream guard. {@code passThrough} is the
 * same embedded pipeline without a guard, the floor to subtract. In package {@code io.warden.core.ws}
 * to reach the guards, which the data plane keeps package-private.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameGuardBenchmark {

    @Param({"512"})
    public int size;

    private EmbeddedChannel bare;
    private EmbeddedChannel textClient;
    private EmbeddedChannel jsonClient;
    private EmbeddedChannel upstream;
    private ByteBuf clientFrame;
    private ByteBuf serverFrame;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        WebSocketConfig d = WebSocketConfig.defaults();
        WebSocketConfig unlimited = new WebSocketConfig(d.maxConnectionsPerIp(), Integer.MAX_VALUE, null, null,
                d.violationsBeforeClose(), d.maxFrameBytes(), d.maxMessageBytes(), d.maxFragments(),
                d.upstreamMaxFrameBytes(), d.onMalformedJson(), d.allowedOrigins(), d.pingInterval(),
                d.idleTimeout(), d.maxConnectionAge());
        WardenConfig w = WardenConfig.defaults();
        WardenConfig config = new WardenConfig(w.environment(), w.dataDir(), w.listen(), w.upstream(), w.server(),
                w.trustedProxies(), w.tls(), w.limits(), w.rateLimit(), w.blocking(), w.auth(), w.inspection(),
                unlimited, List.of(new RouteConfig("chat", "/ws/json", null, null, null, null, null, null, null, null,
                null, null, new RouteWebSocketConfig(true, null, null, null, null, null), null)), w.admin(),
                w.monitoring(), w.redis(), w.logging(), w.headers(), w.requestHeaders());
        EventFactory events = new EventFactory(Clock.systemUTC());
        SharedState state = SharedState.create(config, Clock.systemUTC(), Ticker.system(), EventSink.discarding(),
                events);
        WebSocketSessions sessions = new WebSocketSessions(state.webSockets(), new JsonMessageInspector(events),
                events, EventSink.discarding(), Ticker.system());
        RouteTable routes = RouteTable.compile(config);

        bare = sink(new EmbeddedChannel());
        textClient = guarded(sessions, routes, "/ws", true);
        jsonClient = guarded(sessions, routes, "/ws/json", true);
        upstream = guarded(sessions, routes, "/ws", false);

        byte[] message = chatMessage(size);
        clientFrame = frame(message, true);
        serverFrame = frame(message, false);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        clientFrame.release();
        serverFrame.release();
        for (EmbeddedChannel ch : List.of(bare, textClient, jsonClient, upstream)) {
            ch.finishAndReleaseAll();
        }
    }

    @Benchmark
    public boolean passThrough() {
        return bare.writeInbound(clientFrame.retainedDuplicate());
    }

    @Benchmark
    public boolean clientText() {
        return textClient.writeInbound(clientFrame.retainedDuplicate());
    }

    @Benchmark
    public boolean clientJson() {
        return jsonClient.writeInbound(clientFrame.retainedDuplicate());
    }

    @Benchmark
    public boolean upstreamText() {
        return upstream.writeInbound(serverFrame.retainedDuplicate());
    }

    /** A channel with one guard: the client's ({@code clientSide}) or the upstream's. */
    private static EmbeddedChannel guarded(WebSocketSessions sessions, RouteTable routes, String path,
                                           boolean clientSide) throws Exception {
        RequestContext handshake = RequestContext.builder()
                .requestId("bench")
                .client(ClientAddress.of(InetAddress.getByName("198.51.100.23")))
                .method("GET")
                .target(path)
                .headers(new NettyHeaders(new DefaultHttpHeaders()))
                .route(routes.find("GET", path))
                .build();
        WebSocketSession session = sessions.open(handshake);
        EmbeddedChannel channel = new EmbeddedChannel();
        EmbeddedChannel other = new EmbeddedChannel();
        WebSocketRelay relay = new WebSocketRelay(channel, other, session);
        ClientFrameGuard client = new ClientFrameGuard(relay, session);
        UpstreamFrameGuard server = new UpstreamFrameGuard(relay, 1 << 20);
        channel.pipeline().addLast(clientSide ? client : server);
        relay.start(client, server);
        return sink(channel);
    }

    /** The last handler: takes each relayed frame and lets it go, as the proxy's write would. */
    private static EmbeddedChannel sink(EmbeddedChannel channel) {
        channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ReferenceCountUtil.release(msg);
            }
        });
        return channel;
    }

    private static ByteBuf frame(byte[] payload, boolean masked) {
        ByteBuf frame = PooledByteBufAllocator.DEFAULT.directBuffer(payload.length + 14);
        frame.writeByte(0x81);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            frame.writeByte(maskBit | payload.length);
        } else {
            frame.writeByte(maskBit | 126).writeShort(payload.length);
        }
        byte[] key = new byte[4];
        if (masked) {
            ThreadLocalRandom.current().nextBytes(key);
            frame.writeBytes(key);
        }
        for (int i = 0; i < payload.length; i++) {
            frame.writeByte(payload[i] ^ (masked ? key[i & 3] : 0));
        }
        return frame;
    }

    private static byte[] chatMessage(int size) {
        StringBuilder text = new StringBuilder("{\"conversation_id\":\"c-42\",\"message\":\"");
        while (text.length() < size - 2) {
            text.append("Three-bedroom homes near good schools under $650k? ");
        }
        text.setLength(size - 2);
        return text.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
