package io.warden.core.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
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
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.warden.core.testing.Eventually;
import io.warden.core.testing.WardenFixture;
import io.warden.rules.config.ServerConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A raw-socket fuzzer for the HTTP edge. Each case is a valid pipeline of one to three requests
 * (GET, POST with a length, POST chunked; some bodies hold a second request in disguise) mutated
 * one to three times: framing headers, chunk sizes, line endings, header names and values,
 * methods, versions, targets, pipelining, truncation; then written in random pieces.
 *
 * <p>For every case: the connection ends in well-formed responses and a close (the deadlines are
 * short), never a 5xx from Warden itself; every response from the upstream is paired, by request
 * id, with exactly one request the upstream parsed (strictly), and every request the upstream
 * parsed is paired with exactly one response the client got: Warden forwarded exactly what it
 * accepted and answered, and no body ever became a request on the upstream connection. After all
 * cases, Warden still serves and holds no connection.
 *
 * <p>Seeded and bounded in CI; {@code -Dwarden.fuzz.cases=100000} (and {@code -Dwarden.fuzz.seed})
 * runs longer.
 */
class HttpFuzzTest {

    private static final int CASES = Integer.getInteger("warden.fuzz.cases", 300);
    private static final long SEED = Long.getLong("warden.fuzz.seed", 20261130L);
    /** One case alone (its index under the seed), its request and answer printed: to replay a failure. */
    private static final Integer ONLY = Integer.getInteger("warden.fuzz.case");
    private static final int PARALLEL = 8;
    private static final Set<Integer> WARDEN_STATUSES = Set.of(400, 403, 404, 405, 408, 411, 413, 414, 415,
            417, 422, 429, 431, 501, 503, 505);

    @Test
    void mutatedRequestsNeverDesynchroniseWardenAndTheUpstream() throws Exception {
        RecordingUpstream upstream = new RecordingUpstream();
        List<String> problems = new ArrayList<>();
        Map<String, Integer> pairedResponses = new ConcurrentHashMap<>();
        AtomicInteger forwarded = new AtomicInteger();
        try (upstream; WardenFixture warden = WardenFixture.start("http://127.0.0.1:" + upstream.port(),
                "server.headerTimeout=1s", "server.idleTimeout=1s", "server.requestBodyTimeout=1s",
                "limits.maxRequestBodyBytes=4096", "rateLimit.allowList=[127.0.0.1/32]")) {
            ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
            List<Future<?>> runs = new ArrayList<>();
            for (int c = ONLY == null ? 0 : ONLY; c < (ONLY == null ? CASES : ONLY + 1); c++) {
                long caseSeed = SEED * 1_000_003L + c;
                runs.add(pool.submit(() -> {
                    Random random = new Random(caseSeed);
                    String request = Mutations.mutate(random, Generator.pipeline(random, caseSeed), caseSeed);
                    String problem = runCase(warden.port(), random, request, pairedResponses, forwarded);
                    if (problem != null) {
                        synchronized (problems) {
                            problems.add("case " + (caseSeed - SEED * 1_000_003L) + ": " + problem + "\n  request: "
                                    + printable(request));
                        }
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
            pool.shutdown();

            assertThat(problems).as("cases that went wrong (replay one with -Dwarden.fuzz.seed=S -Dwarden.fuzz.case=N)").isEmpty();
            assertThat(upstream.malformed()).as("the upstream never got a request it could not parse strictly")
                    .isEmpty();
            Map<String, Integer> seen = upstream.requestIds();
            List<String> unpaired = new ArrayList<>();
            seen.forEach((id, n) -> {
                if (n != 1 || pairedResponses.getOrDefault(id, 0) != 1) {
                    unpaired.add(upstream.uri(id) + " (" + id + ") reached the upstream " + n + "x, answered "
                            + pairedResponses.get(id) + "x");
                }
            });
            pairedResponses.forEach((id, n) -> {
                if (!seen.containsKey(id)) {
                    unpaired.add(id + " answered by the upstream but never received by it");
                }
            });
            assertThat(unpaired).as("every request the upstream parsed is one Warden forwarded and answered")
                    .isEmpty();
            assertThat(forwarded.get()).as("the mutations leave many requests valid enough to forward")
                    .isGreaterThan(ONLY == null ? CASES / 10 : -1);
            assertThat(Eventually.within(5000, () -> warden.warden().metrics().openConnections() == 0))
                    .as("no connection outlives the fuzzing").isTrue();
            String after = exchange(warden.port(), "GET /after HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(after).as("Warden still serves").startsWith("HTTP/1.1 200");
        }
    }

    /** @return what went wrong, or null */
    private static String runCase(int port, Random random, String request, Map<String, Integer> paired,
                                  AtomicInteger forwarded) {
        byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
        byte[] answer;
        boolean closed;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 3000);
            socket.setSoTimeout(4000);
            OutputStream out = socket.getOutputStream();
            try {
                int at = 0;
                while (at < bytes.length) {
                    int n = random.nextInt(4) == 0 ? 1 + random.nextInt(Math.max(1, bytes.length - at)) : bytes.length - at;
                    out.write(bytes, at, n);
                    out.flush();
                    at += n;
                }
            } catch (IOException closedEarly) {
                // Warden may answer and close before the rest is written: reading tells what it said
            }
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[8192];
            closed = true;
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    got.write(buf, 0, n);
                }
            } catch (SocketTimeoutException stillOpen) {
                closed = false;
            } catch (IOException reset) {
                // a reset after Warden closed with unread input: closed all the same
            }
            answer = got.toByteArray();
        } catch (IOException e) {
            return "could not connect: " + e;
        }
        if (ONLY != null) {
            System.out.println("request: " + printable(request, 100_000) + "\nanswer:  "
                    + printable(new String(answer, StandardCharsets.ISO_8859_1), 100_000) + "\nclosed: " + closed);
        }
        if (!closed) {
            return "the connection was neither answered to the end nor closed within 4 s";
        }
        return Responses.check(answer, paired, forwarded);
    }

    private static String exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(3000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    static String printable(String s) {
        return printable(s, 600);
    }

    static String printable(String s, int max) {
        String shown = s.length() > max ? s.substring(0, max) + "..." : s;
        StringBuilder b = new StringBuilder();
        for (char c : shown.toCharArray()) {
            if (c == '\r') {
                b.append("\\r");
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c < 0x20 || c >= 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Valid pipelines to start from. */
    static final class Generator {

        static String pipeline(Random random, long seed) {
            int n = 1 + random.nextInt(3);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                b.append(request(random, "/f/" + seed + "/" + i, i == n - 1));
            }
            return b.toString();
        }

        private static String request(Random random, String path, boolean last) {
            String common = "Host: fuzz.example\r\nUser-Agent: fuzz/1\r\nAccept: */*\r\n"
                    + (last ? "Connection: close\r\n" : "");
            String body = body(random);
            return switch (random.nextInt(3)) {
                case 0 -> "GET " + path + "?q=" + random.nextInt(1000) + " HTTP/1.1\r\n" + common + "\r\n";
                case 1 -> "POST " + path + " HTTP/1.1\r\n" + common + "Content-Type: text/plain\r\nContent-Length: "
                        + body.length() + "\r\n\r\n" + body;
                default -> "POST " + path + " HTTP/1.1\r\n" + common
                        + "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked(random, body);
            };
        }

        private static String body(Random random) {
            return switch (random.nextInt(4)) {
                case 0 -> "";
                case 1 -> "GET /smuggled HTTP/1.1\r\nHost: fuzz.example\r\n\r\n";
                case 2 -> "0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: fuzz.example\r\n\r\n";
                default -> "hello " + "x".repeat(random.nextInt(200));
            };
        }

        private static String chunked(Random random, String body) {
            StringBuilder b = new StringBuilder();
            int at = 0;
            while (at < body.length()) {
                int n = Math.min(body.length() - at, 1 + random.nextInt(40));
                b.append(Integer.toHexString(n)).append(random.nextInt(5) == 0 ? ";ext=1" : "").append("\r\n")
                        .append(body, at, at + n).append("\r\n");
                at += n;
            }
            return b.append(random.nextInt(5) == 0 ? "0\r\nX-Trailer: t\r\n\r\n" : "0\r\n\r\n").toString();
        }
    }

    /** Ways to break a request, each aimed at a place parsers disagree about. */
    static final class Mutations {

        private static final String[] BYTES = {"\0", "\r", "\n", " ", "\t", ":", ";", ",", "0", "a", "\u007f",
            "\u00ff", "\u000b", "\u000c"};
        private static final String[] HEADERS = {
            "Transfer-Encoding: chunked", "Transfer-Encoding : chunked", "Transfer-Encoding: xchunked",
            "Transfer-Encoding:\tchunked", "Transfer-Encoding: chunked, identity", "Transfer-Encoding: identity",
            "Transfer-Encoding: Chunked", " Transfer-Encoding: chunked", "X-A: b\r\n Transfer-Encoding: chunked",
            "Content-Length: 0", "Content-Length: +5", "Content-Length: 5, 5", "Content-Length: -1",
            "Content-Length: 99999999999999999999", "Content-Length: 0x10", "Content-Length: 10",
            "Content-Length:  3 ", "Content-Length: 1_0", "Host: other.example", "Host:", "Host: a b",
            "Host: x@y", "Connection: Content-Length", "Connection: Transfer-Encoding", "Connection: close, X-Foo",
            "Connection: keep-alive", "Upgrade: h2c\r\nConnection: Upgrade, HTTP2-Settings\r\nHTTP2-Settings: AAMAAABk",
            "Upgrade: websocket\r\nConnection: Upgrade", "Expect: 100-continue", "Expect: 200-ok", "X-Nul: a\0b",
            "X-Cr: a\rb", "X-Fold: a\r\n b", "X-\u00ff: y", ": empty", "Bad Name: y", "X-Long: " + "v".repeat(3000),
            "X-Forwarded-For: 10.0.0.1", "Forwarded: for=10.0.0.1", "X-Request-ID: forged",
            "Proxy-Connection: keep-alive", "TE: trailers", "Trailer: Content-Length"};
        private static final String[] CHUNK_SIZES = {"ffffffffffffffff", "-1", "0x5", " 5", "5 ", "5;", "05",
            "", "1", "100", "7fffffff", "G", "5\t", "5;a=\"b\r\nc\""};
        private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "CONNECT",
            "TRACE", "get", "G ET", "XYZ", "", "P0ST", "A".repeat(100), "GET\0"};
        private static final String[] VERSIONS = {"HTTP/1.0", "HTTP/2.0", "HTTP/1.10", "http/1.1", "HTTP/1.1 ",
            "HTTP/0.9", "HTTP/1", "HTTP/1.1x", "HTTP/3", "HTTP/1.2", "HTTP /1.1"};
        private static final String[] TARGETS = {"*", "http://fuzz.example/f/", "http://evil.example/f/", "//f/",
            "/f/%00", "/f/../../etc/", "/f/%2e%2e/", "/f/ a", "/f/#x", "/f/\u00e9", "/" + "a".repeat(3000),
            "https://fuzz.example:443/f/", "f/", "/f/\t"};
        private static final String[] LINE_ENDS = {"\n", "\r", "\r\r\n", "\n\r", "\r\n\r\n", " \r\n"};

        static String mutate(Random random, String request, long seed) {
            String s = request;
            int n = 1 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
                s = once(random, s, seed);
            }
            return s;
        }

        private static String once(Random random, String s, long seed) {
            if (s.isEmpty()) {
                // cut to nothing by an earlier mutation: a bare line ending is all that is left to send
                return "\r\n";
            }
            switch (random.nextInt(12)) {
                case 0 -> {
                    int at = random.nextInt(s.length());
                    return s.substring(0, at) + pick(random, BYTES) + s.substring(at + 1);
                }
                case 1 -> {
                    int at = random.nextInt(s.length() + 1);
                    return s.substring(0, at) + pick(random, BYTES) + s.substring(at);
                }
                case 2 -> {
                    int at = random.nextInt(s.length());
                    return s.substring(0, at) + s.substring(Math.min(s.length(), at + 1 + random.nextInt(8)));
                }
                case 3 -> {
                    return replaceOne(random, s, "\r\n", pick(random, LINE_ENDS));
                }
                case 4, 5 -> {
                    int line = nthIndex(random, s, " HTTP/1.1\r\n");
                    if (line < 0) {
                        return s + "\r\n";
                    }
                    int at = line + " HTTP/1.1\r\n".length();
                    return s.substring(0, at) + pick(random, HEADERS) + "\r\n" + s.substring(at);
                }
                case 6 -> {
                    return replaceChunkSize(random, s);
                }
                case 7 -> {
                    int at = nthIndex(random, s, " /f/");
                    if (at < 0) {
                        return s;
                    }
                    int start = s.lastIndexOf('\n', at) + 1;
                    return s.substring(0, start) + pick(random, METHODS) + s.substring(at);
                }
                case 8 -> {
                    return replaceOne(random, s, "HTTP/1.1", pick(random, VERSIONS));
                }
                case 9 -> {
                    return replaceOne(random, s, "/f/", pick(random, TARGETS));
                }
                case 10 -> {
                    return switch (random.nextInt(3)) {
                        case 0 -> s + s;
                        case 1 -> s + "GET /f/" + seed + "/extra HTTP/1.1\r\nHost: fuzz.example\r\n\r\n";
                        default -> "\r\n" + s;
                    };
                }
                default -> {
                    return s.substring(0, random.nextInt(s.length() + 1));
                }
            }
        }

        private static String replaceChunkSize(Random random, String s) {
            List<int[]> sizes = new ArrayList<>();
            int from = s.indexOf("chunked\r\n");
            if (from < 0) {
                return s;
            }
            int at = s.indexOf("\r\n\r\n", from);
            while (at >= 0 && at + 4 < s.length()) {
                int start = at + (sizes.isEmpty() ? 4 : 2);
                int end = s.indexOf("\r\n", start);
                if (end < 0) {
                    break;
                }
                sizes.add(new int[] {start, end});
                int size;
                try {
                    String text = s.substring(start, end);
                    int semi = text.indexOf(';');
                    size = Integer.parseInt(semi < 0 ? text : text.substring(0, semi), 16);
                } catch (NumberFormatException e) {
                    break;
                }
                if (size == 0) {
                    break;
                }
                at = end + 2 + size;
            }
            if (sizes.isEmpty()) {
                return s;
            }
            int[] chosen = sizes.get(random.nextInt(sizes.size()));
            return s.substring(0, chosen[0]) + pick(random, CHUNK_SIZES) + s.substring(chosen[1]);
        }

        private static String replaceOne(Random random, String s, String what, String with) {
            int at = nthIndex(random, s, what);
            return at < 0 ? s : s.substring(0, at) + with + s.substring(at + what.length());
        }

        private static int nthIndex(Random random, String s, String what) {
            List<Integer> found = new ArrayList<>();
            for (int at = s.indexOf(what); at >= 0; at = s.indexOf(what, at + 1)) {
                found.add(at);
            }
            return found.isEmpty() ? -1 : found.get(random.nextInt(found.size()));
        }

        private static String pick(Random random, String[] choices) {
            return choices[random.nextInt(choices.length)];
        }
    }

    /** Reads what the client got: whole, well-formed HTTP/1.1 responses and nothing else. */
    static final class Responses {

        static String check(byte[] bytes, Map<String, Integer> paired, AtomicInteger forwarded) {
            String s = new String(bytes, StandardCharsets.ISO_8859_1);
            int at = 0;
            while (at < s.length()) {
                int headEnd = s.indexOf("\r\n\r\n", at);
                if (headEnd < 0) {
                    return "a truncated response head: " + printable(s.substring(at));
                }
                String[] lines = s.substring(at, headEnd).split("\r\n");
                if (!lines[0].matches("HTTP/1\\.[01] \\d{3} [^\\r\\n]*")) {
                    return "not a status line: " + printable(lines[0]);
                }
                int status = Integer.parseInt(lines[0].substring(9, 12));
                Map<String, String> headers = new java.util.HashMap<>();
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    if (colon <= 0) {
                        return "a malformed response header: " + printable(lines[i]);
                    }
                    headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim(), (a, b) -> a + "," + b);
                }
                at = headEnd + 4;
                if (status >= 100 && status < 200) {
                    continue;
                }
                String upstreamSaw = headers.get("x-upstream-saw");
                if (upstreamSaw != null) {
                    forwarded.incrementAndGet();
                    if (status != 200 || !upstreamSaw.equals(headers.get("x-request-id"))) {
                        return "an upstream answer with status " + status + " or a different request id";
                    }
                    paired.merge(upstreamSaw, 1, Integer::sum);
                } else if (!WARDEN_STATUSES.contains(status)) {
                    return "Warden answered " + status + " on its own: " + printable(s.substring(0,
                            Math.min(s.length(), headEnd)));
                }
                String length = headers.get("content-length");
                if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                    int end = s.indexOf("\r\n0\r\n\r\n", at - 2);
                    if (end < 0) {
                        return "a truncated chunked response";
                    }
                    at = end + 7;
                } else if (length != null) {
                    int n = Integer.parseInt(length);
                    if (at + n > s.length()) {
                        return "a truncated response body";
                    }
                    at += n;
                } else if (status != 204 && status != 304) {
                    return "a response without framing";
                }
            }
            return null;
        }
    }

    /**
     * An upstream that parses as strictly as Warden, records the request id of every request it
     * reads (and every one it cannot parse), and answers with that id and its body's length and CRC.
     */
    static final class RecordingUpstream implements AutoCloseable {

        private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        private final Channel server;
        private final Map<String, Integer> ids = new ConcurrentHashMap<>();
        private final Map<String, String> uris = new ConcurrentHashMap<>();
        private final List<String> malformed = new java.util.concurrent.CopyOnWriteArrayList<>();

        RecordingUpstream() throws InterruptedException {
            server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            StringBuilder raw = new StringBuilder();
                            ch.pipeline().addLast(new io.netty.channel.ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                    raw.append(((io.netty.buffer.ByteBuf) msg).toString(StandardCharsets.ISO_8859_1));
                                    ctx.fireChannelRead(msg);
                                }
                            });
                            ch.pipeline().addLast(new HttpServerCodec(FrontendInitializer.decoderConfig(
                                            ServerConfig.defaults())))
                                    .addLast(new HttpObjectAggregator(1 << 20))
                                    .addLast(new SimpleChannelInboundHandler<FullHttpRequest>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                                            answer(ctx, req, raw);
                                        }
                                    });
                        }
                    }).bind("127.0.0.1", 0).sync().channel();
        }

        private void answer(ChannelHandlerContext ctx, FullHttpRequest req, StringBuilder raw) {
            if (req.decoderResult().isFailure()) {
                malformed.add(req.decoderResult().cause() + " in what the connection carried: " + printable(raw.length() > 4000 ? raw.substring(raw.length() - 4000) : raw.toString(), 4000));
                ctx.close();
                return;
            }
            String id = req.headers().get("X-Request-ID");
            if (id == null) {
                malformed.add("a request without Warden's X-Request-ID: " + req.uri());
                ctx.close();
                return;
            }
            if (req.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)
                    && req.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
                malformed.add("both Transfer-Encoding and Content-Length: " + req.uri());
            }
            ids.merge(id, 1, Integer::sum);
            uris.put(id, req.method() + " " + req.uri());
            CRC32 crc = new CRC32();
            crc.update(ByteBufUtil.getBytes(req.content()));
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.copiedBuffer("ok", StandardCharsets.US_ASCII));
            response.headers().set("X-Upstream-Saw", id)
                    .set("X-Upstream-Body", req.content().readableBytes() + ":" + crc.getValue())
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, 2);
            HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(req));
            ctx.writeAndFlush(response);
        }

        int port() {
            return ((InetSocketAddress) server.localAddress()).getPort();
        }

        String uri(String id) {
            return uris.get(id);
        }

        Map<String, Integer> requestIds() {
            return ids;
        }

        List<String> malformed() {
            return malformed;
        }

        @Override
        public void close() {
            server.close().awaitUninterruptibly();
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
        }
    }
}
