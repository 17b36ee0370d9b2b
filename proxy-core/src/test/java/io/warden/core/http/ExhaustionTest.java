package io.warden.core.http;

import io.warden.core.testing.Eventually;
import io.warden.core.testing.RawHttp;
import io.warden.core.testing.TestUpstream;
import io.warden.core.testing.WardenFixture;
import io.warden.core.tls.DevelopmentCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resource-exhaustion attacks with real sockets, from 127.0.0.2, while an ordinary client on
 * 127.0.0.1 must go on being served promptly: idle floods, one-byte-a-second headers, slow bodies
 * and TLS handshakes that never finish. Every hostile connection is let go by a deadline.
 */
class ExhaustionTest {

    private static final String ATTACKER = "127.0.0.2";
    private static final long PROMPT_MILLIS = 1500;
    /** The ordinary client is measured for latency, not rate limited or scored as a bot. */
    private static final String ORDINARY_CLIENT_ALLOWED = "rateLimit.allowList=[127.0.0.1/32]";

    private TestUpstream upstream;
    private final List<Socket> hostile = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        upstream = new TestUpstream();
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : hostile) {
            socket.close();
        }
        upstream.close();
    }

    @Test
    void aFloodOfIdleConnectionsFromOneAddressLeavesOthersServed() throws Exception {
        try (WardenFixture warden = WardenFixture.start(upstream.url(), "server.maxConnectionsPerAddress=100",
                ORDINARY_CLIENT_ALLOWED,
                "server.headerTimeout=30s")) {
            for (int i = 0; i < 300; i++) {
                hostile.add(connect(warden.port()));
            }
            assertThat(Eventually.within(5000,
                    () -> warden.warden().metrics().connectionsRefusedPerAddress() == 200)).isTrue();
            assertThat(warden.warden().metrics().openConnections()).as("the flood holds only its share").isEqualTo(100);
            assertServedPromptly(warden, 10);
        }
    }

    @Test
    void slowHeadersSlowBodiesAndHalfOpenHandshakesAreCutWhileOthersAreServed() throws Exception {
        DevelopmentCertificate.Location pair = DevelopmentCertificate.ensure(
                Files.createTempDirectory("warden-certs").resolve("a"), Instant.now());
        // the 50 slow bodies are 50 requests from one address without a User-Agent: limits high
        // enough that none is answered (and its connection closed) by the bot tier instead
        try (WardenFixture warden = WardenFixture.start(upstream.url(), "server.headerTimeout=4s", ORDINARY_CLIENT_ALLOWED,
                "rateLimit.bots.perMinute=1000", "rateLimit.anonymousPerMinute=1000",
                "server.requestBodyTimeout=5s", "listen.https=127.0.0.1:0",
                "tls.certificate=" + pair.certificate(), "tls.privateKey=" + pair.privateKey())) {
            int httpsPort = warden.warden().httpsAddress().getPort();
            List<Socket> slowHeads = open(warden.port(), 50, "GET /a HTTP/1.1\r\nHost: x\r\nX-Slow: ");
            List<Socket> slowBodies = open(warden.port(), 50,
                    "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n");
            // a TLS record header announcing a ClientHello that never comes
            List<Socket> halfOpenTls = open(httpsPort, 50, "\u0016\u0003\u0001\u0002\u0000");
            assertThat(Eventually.within(5000, () -> warden.warden().metrics().openConnections() == 150)).isTrue();

            long start = System.nanoTime();
            int rounds = 0;
            // past both deadlines, counted from the last connection opened
            while (System.nanoTime() - start < 7_000_000_000L) {
                drip(slowHeads);
                drip(slowBodies);
                assertServedPromptly(warden, 2);
                rounds++;
            }
            assertThat(rounds).isGreaterThan(3);
            assertThat(allClosed(slowHeads)).as("a head trickled a byte at a time is cut by the head deadline")
                    .isTrue();
            assertThat(allClosed(slowBodies)).as("a body trickled a byte at a time is cut by the body deadline")
                    .isTrue();
            assertThat(allClosed(halfOpenTls)).as("a handshake that never finishes is cut by the head deadline")
                    .isTrue();
            assertThat(Eventually.within(3000, () -> warden.warden().metrics().openConnections() == 0)).isTrue();
            assertThat(upstream.received()).extracting(TestUpstream.Received::method).containsOnly("GET");
        }
    }

    @Test
    void aClientPipeliningWithoutReadingIsPausedNotBuffered() throws Exception {
        try (WardenFixture warden = WardenFixture.start(upstream.url(), ORDINARY_CLIENT_ALLOWED);
             Socket greedy = new Socket("127.0.0.1", warden.port())) {
            byte[] request = "GET /p HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = greedy.getOutputStream();
                    while (true) {
                        out.write(request);
                        written.addAndGet(request.length);
                    }
                } catch (IOException closed) {
                    // the test closes the socket at the end
                }
            });
            writer.setDaemon(true);
            writer.start();
            long stalledAt = -1;
            for (int i = 0; i < 100 && stalledAt < 0; i++) {
                long before = written.get();
                Thread.sleep(300);
                if (written.get() == before && before > 0) {
                    stalledAt = before;
                }
            }
            assertThat(stalledAt).as("Warden stops reading a client that does not read its answers").isPositive()
                    .isLessThan(64L * 1024 * 1024);
            assertThat(upstream.received().size()).as("requests beyond what the client reads wait unread")
                    .isLessThan((int) (stalledAt / request.length));
            assertServedPromptly(warden, 3);
        }
    }

    @Test
    void aSlowUpstreamShedsLoadWith503AndRetryAfterInsteadOfQueueing() throws Exception {
        try (TestUpstream slow = new TestUpstream().on("/slow", (ctx, req) -> { });
             WardenFixture warden = WardenFixture.start(slow.url(), ORDINARY_CLIENT_ALLOWED, "server.ioThreads=1",
                     "upstream.pool.maxConnections=2", "upstream.pool.maxPending=2",
                     "upstream.pool.acquireTimeout=500ms")) {
            List<RawHttp> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    RawHttp raw = new RawHttp(warden.port());
                    clients.add(raw);
                    raw.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
                    // one at a time, so the first two are the ones holding the upstream connections
                    Thread.sleep(50);
                }
                long start = System.nanoTime();
                int shed = 0;
                for (RawHttp raw : clients.subList(2, 8)) {
                    String answer = raw.readResponse();
                    assertThat(answer).startsWith("HTTP/1.1 503").containsIgnoringCase("retry-after: 1");
                    shed++;
                }
                assertThat(shed).isEqualTo(6);
                assertThat((System.nanoTime() - start) / 1_000_000)
                        .as("four refused at once, two after the acquire timeout: nobody waits longer")
                        .isLessThan(2000);
            } finally {
                for (RawHttp raw : clients) {
                    raw.close();
                }
            }
        }
    }

    private List<Socket> open(int port, int n, String first) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Socket socket = connect(port);
            socket.getOutputStream().write(first.getBytes(StandardCharsets.ISO_8859_1));
            sockets.add(socket);
        }
        return sockets;
    }

    private Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        hostile.add(socket);
        socket.bind(new InetSocketAddress(ATTACKER, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 3000);
        return socket;
    }

    /** One more byte on each connection still open: never enough to finish. */
    private static void drip(List<Socket> sockets) {
        for (Socket socket : sockets) {
            try {
                OutputStream out = socket.getOutputStream();
                out.write('a');
                out.flush();
            } catch (IOException closedByWarden) {
                // what the deadline is for
            }
        }
    }

    private static boolean allClosed(List<Socket> sockets) throws IOException {
        for (Socket socket : sockets) {
            socket.setSoTimeout(2000);
            try {
                while (socket.getInputStream().read() >= 0) {
                    // a 408 for a slow body, then the close
                }
            } catch (java.net.SocketTimeoutException stillOpen) {
                return false;
            } catch (IOException reset) {
                // closed with a reset: closed all the same
            }
        }
        return true;
    }

    private static void assertServedPromptly(WardenFixture warden, int requests) throws Exception {
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            try (RawHttp raw = new RawHttp(warden.port())) {
                assertThat(raw.send("GET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").readUntilClose(3000))
                        .startsWith("HTTP/1.1 200");
            }
            assertThat((System.nanoTime() - start) / 1_000_000).as("an ordinary client is served promptly")
                    .isLessThan(PROMPT_MILLIS);
        }
    }
}
