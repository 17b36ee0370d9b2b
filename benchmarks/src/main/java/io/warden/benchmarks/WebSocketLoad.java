package io.warden.benchmarks;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.warden.core.server.Transport;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket load client for {@code scripts/ws-loadtest.sh}: {@code connections} sockets, each
 * keeping {@code window} text messages of {@code size} bytes in flight against an echo, on one
 * thread. Echoes come back in order per socket, so each reply's latency is measured from the send
 * of the oldest message still waiting. Prints one line:
 * {@code messages=N rate=R p50_us=A p99_us=B p999_us=C cpu_us=D errors=E}, where {@code cpu_us} is
 * the CPU time the processes {@code PIDS} (comma-separated, optional) spent per message while
 * measuring, read from {@code /proc} (Linux).
 *
 * <pre>java -cp benchmarks.jar io.warden.benchmarks.WebSocketLoad URL CONNECTIONS WINDOW SIZE WARMUP_S SECONDS [PIDS]</pre>
 */
public final class WebSocketLoad {

    /** USER_HZ: Linux reports process times in hundredths of a second. */
    private static final double TICKS_PER_SECOND = 100;
    /** Microsecond buckets up to 1 s; slower replies land in the last. */
    private static final int BUCKETS = 1_000_000;

    private final int window;
    private final byte[] message;
    private final int[] histogram = new int[BUCKETS];
    private volatile boolean measuring;
    private volatile boolean running = true;
    private long messages;
    private long errors;

    private WebSocketLoad(int window, int size) {
        this.window = window;
        this.message = chatMessage(size);
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int connections = Integer.parseInt(args[1]);
        WebSocketLoad load = new WebSocketLoad(Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        long warmup = Long.parseLong(args[4]);
        long seconds = Long.parseLong(args[5]);
        String pids = args.length > 6 ? args[6] : "";
        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(1, "load");
        CountDownLatch ready = new CountDownLatch(connections);
        List<Channel> channels = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            channels.add(load.connect(group, transport, uri, ready));
        }
        if (!ready.await(30, TimeUnit.SECONDS)) {
            System.out.println("messages=0 rate=0 p50_us=0 p99_us=0 p999_us=0 errors=handshakes");
            System.exit(1);
        }
        Thread.sleep(warmup * 1000);
        group.submit(() -> load.measuring = true).sync();
        long start = System.nanoTime();
        long cpuBefore = cpuTicks(pids);
        Thread.sleep(seconds * 1000);
        group.submit(() -> load.measuring = false).sync();
        long cpu = cpuTicks(pids) - cpuBefore;
        double elapsed = (System.nanoTime() - start) / 1e9;
        load.running = false;
        System.out.println(group.submit(() -> load.summary(elapsed, cpu)).sync().getNow());
        channels.forEach(Channel::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private Channel connect(EventLoopGroup group, Transport transport, URI uri, CountDownLatch ready)
            throws InterruptedException {
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .customHeaders(new DefaultHttpHeaders().set("User-Agent",
                        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0"))
                .maxFramePayloadLength(1 << 20)
                .build();
        return new Bootstrap()
                .group(group)
                .channel(transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline()
                                .addLast(new HttpClientCodec())
                                .addLast(new HttpObjectAggregator(65_536))
                                .addLast(new WebSocketClientProtocolHandler(config))
                                .addLast(new Socket(ready));
                    }
                })
                .connect(uri.getHost(), uri.getPort()).sync().channel();
    }

    /** One socket's closed loop: a reply lets the next message go. */
    private final class Socket extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        private final ArrayDeque<Long> sent = new ArrayDeque<>();
        private final CountDownLatch ready;

        Socket(CountDownLatch ready) {
            this.ready = ready;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                ready.countDown();
                for (int i = 0; i < window; i++) {
                    send(ctx);
                }
                ctx.flush();
            }
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame reply) {
            Long at = sent.poll();
            if (at == null) {
                errors++;
                return;
            }
            if (measuring) {
                long micros = (System.nanoTime() - at) / 1000;
                histogram[(int) Math.min(BUCKETS - 1, micros)]++;
                messages++;
            }
            if (running) {
                send(ctx);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (running) {
                errors++;
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors++;
            ctx.close();
        }

        private void send(ChannelHandlerContext ctx) {
            sent.add(System.nanoTime());
            ctx.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(message)));
        }
    }

    private String summary(double seconds, long cpuTicks) {
        double cpuMicros = messages == 0 ? 0 : cpuTicks * (1e6 / TICKS_PER_SECOND) / messages;
        return String.format(Locale.ROOT,
                "messages=%d rate=%.0f p50_us=%d p99_us=%d p999_us=%d cpu_us=%.2f errors=%d",
                messages, messages / seconds, percentile(0.50), percentile(0.99), percentile(0.999), cpuMicros, errors);
    }

    /** User and system time of the processes, in clock ticks: fields 14 and 15 of /proc/PID/stat. */
    private static long cpuTicks(String pids) throws IOException {
        long total = 0;
        for (String pid : pids.split(",")) {
            if (pid.isBlank()) {
                continue;
            }
            String stat = Files.readString(Path.of("/proc", pid.trim(), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            total += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
        return total;
    }

    private long percentile(double p) {
        long rank = (long) Math.ceil(p * messages);
        long seen = 0;
        for (int micros = 0; micros < BUCKETS; micros++) {
            seen += histogram[micros];
            if (seen >= rank && seen > 0) {
                return micros;
            }
        }
        return BUCKETS;
    }

    /** A chat message as the app sends it, {@code size} bytes of JSON. */
    private static byte[] chatMessage(int size) {
        String head = "{\"conversation_id\":\"c-42\",\"message\":\"";
        String tail = "\"}";
        StringBuilder text = new StringBuilder();
        String words = "Could you find three-bedroom homes near good schools under $650k with a fenced yard? ";
        while (head.length() + text.length() + tail.length() < size) {
            text.append(words);
        }
        text.setLength(Math.max(0, size - head.length() - tail.length()));
        return (head + text + tail).getBytes(StandardCharsets.UTF_8);
    }
}
