package io.warden.core.log;

import io.warden.rules.config.LogFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Set;

/**
 * One line per request on the {@code warden.access} logger: client address, method, target,
 * status, bytes, duration and request id. Query values that look like credentials are masked,
 * and control characters escaped, so the log holds neither secrets nor forged lines.
 */
public final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("warden.access");
    private static final Set<String> SECRET_PARAMS = Set.of(
            "token", "access_token", "refresh_token", "id_token", "password", "passwd", "secret", "api_key",
            "apikey", "key", "code", "auth", "authorization", "session", "signature", "sig");

    private final boolean enabled;
    private final boolean json;

    public AccessLog(boolean enabled, LogFormat format) {
        this.enabled = enabled && LOG.isInfoEnabled();
        this.json = format == LogFormat.JSON;
    }

    public void record(String client, String method, String target, String version, int status, long bytes,
                       long durationNanos, String requestId) {
        if (!enabled) {
            return;
        }
        String safeTarget = safeTarget(target);
        if (json) {
            LOG.atInfo()
                    .addKeyValue("client", client)
                    .addKeyValue("method", method)
                    .addKeyValue("target", safeTarget)
                    .addKeyValue("status", status)
                    .addKeyValue("bytes", bytes)
                    .addKeyValue("duration_ms", durationNanos / 1_000_000.0)
                    .addKeyValue("request_id", requestId)
                    .log("access");
            return;
        }
        StringBuilder line = new StringBuilder(96 + safeTarget.length());
        line.append(client).append(" \"").append(method).append(' ').append(safeTarget).append(' ')
                .append(version).append("\" ").append(status).append(' ').append(bytes).append(' ');
        appendMillis(line, durationNanos);
        line.append("ms ").append(requestId);
        LOG.info(line.toString());
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
