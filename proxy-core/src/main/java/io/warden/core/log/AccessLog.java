package io.warden.core.log;

import io.netty.util.internal.PlatformDependent;
import io.warden.rules.config.LogFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * One line per request on the {@code warden.access} logger: client address, method, target,
 * status, bytes, duration and request id. Query values that look like credentials are masked
 * and control characters escaped, so the log holds neither secrets nor forged lines.
 *
 * <p>An event loop only drops a small record into a lock-free queue; a writer thread collects
 * them every few milliseconds and does the formatting and logging. Nothing signals the writer
 * per line: waking a thread for each request costs more CPU than proxying it. When the queue is
 * full, lines are dropped and counted, never requests delayed.
 */
public final class AccessLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("warden.access");
    private static final int CAPACITY = 65_536;
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final Set<String> SECRET_PARAMS = Set.of(
            "token", "access_token", "refresh_token", "id_token", "password", "passwd", "secret", "api_key",
            "apikey", "key", "code", "auth", "authorization", "session", "signature", "sig");

    private record Entry(String client, String method, String target, String version, int status, long bytes,
                         long durationNanos, String requestId) {
    }

    private final boolean enabled;
    private final boolean json;
    private final Queue<Entry> queue;
    private final LongAdder dropped = new LongAdder();
    private final Thread writer;
    private volatile boolean closing;

    public AccessLog(boolean enabled, LogFormat format) {
        this.enabled = enabled && LOG.isInfoEnabled();
        this.json = format == LogFormat.JSON;
        this.queue = PlatformDependent.newFixedMpscQueue(CAPACITY);
        this.writer = new Thread(this::drainLoop, "warden-access-log");
        this.writer.setDaemon(true);
        if (this.enabled) {
            this.writer.start();
        }
    }

    public void record(String client, String method, String target, String version, int status, long bytes,
                       long durationNanos, String requestId) {
        if (enabled && !queue.offer(new Entry(client, method, target, version, status, bytes, durationNanos,
                requestId))) {
            dropped.increment();
        }
    }

    /** Lines lost to a full queue since start. */
    public long dropped() {
        return dropped.sum();
    }

    private void drainLoop() {
        while (true) {
            Entry entry = queue.poll();
            if (entry != null) {
                write(entry);
                continue;
            }
            if (closing) {
                return;
            }
            LockSupport.parkNanos(IDLE_PARK_NANOS);
        }
    }

    private void write(Entry e) {
        String target = safeTarget(e.target());
        if (json) {
            LOG.atInfo()
                    .addKeyValue("client", e.client())
                    .addKeyValue("method", e.method())
                    .addKeyValue("target", target)
                    .addKeyValue("status", e.status())
                    .addKeyValue("bytes", e.bytes())
                    .addKeyValue("duration_ms", e.durationNanos() / 1_000_000.0)
                    .addKeyValue("request_id", e.requestId())
                    .log("access");
            return;
        }
        StringBuilder line = new StringBuilder(96 + target.length());
        line.append(e.client()).append(" \"").append(e.method()).append(' ').append(target).append(' ')
                .append(e.version()).append("\" ").append(e.status()).append(' ').append(e.bytes()).append(' ');
        appendMillis(line, e.durationNanos());
        line.append("ms ").append(e.requestId());
        LOG.info(line.toString());
    }

    /** Writes every queued line and stops the writer; call once the data plane is closed. */
    @Override
    public void close() {
        closing = true;
        if (enabled) {
            try {
                writer.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void appendMillis(StringBuilder line, long nanos) {
        long micros = nanos / 1000;
        line.append(micros / 1000).append('.');
        long frac = micros % 1000;
        if (frac < 100) {
            line.append('0');
        }
        if (frac < 10) {
            line.append('0');
        }
        line.append(frac);
    }

    static String safeTarget(String target) {
        int q = target.indexOf('?');
        String masked = q < 0 ? target : target.substring(0, q + 1) + maskQuery(target.substring(q + 1));
        return escape(masked.length() > 2048 ? masked.substring(0, 2048) + "..." : masked);
    }

    private static String maskQuery(String query) {
        StringBuilder out = new StringBuilder(query.length());
        int start = 0;
        while (start <= query.length()) {
            int amp = query.indexOf('&', start);
            int end = amp < 0 ? query.length() : amp;
            String pair = query.substring(start, end);
            int eq = pair.indexOf('=');
            if (eq > 0 && SECRET_PARAMS.contains(pair.substring(0, eq).toLowerCase(Locale.ROOT))) {
                out.append(pair, 0, eq + 1).append("***");
            } else {
                out.append(pair);
            }
            if (amp < 0) {
                break;
            }
            out.append('&');
            start = amp + 1;
        }
        return out.toString();
    }

    private static String escape(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = c < 0x20 || c == 0x7f || c == '"' || c == '\\';
            if (bad && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (bad) {
                    out.append(String.format("\\x%02x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }
}
