package io.warden.core.auth;

import io.warden.rules.auth.jwt.JwksKeySet;
import io.warden.rules.auth.jwt.JwksParser;
import io.warden.rules.auth.jwt.JwksRefreshPolicy;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventSink;
import io.warden.rules.events.EventType;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.time.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps a {@link JwksKeySet} fed from a JWKS URL: fetched on its own thread, never an event loop,
 * refreshed ahead of expiry and when a token names an unknown key (at a rate the key set bounds),
 * backing off on failures while the last good keys stay in use.
 */
public final class JwksFetcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JwksFetcher.class);
    private static final int MAX_DOCUMENT_BYTES = 256 * 1024;

    private final URI url;
    private final JwksRefreshPolicy schedule;
    private final EventSink events;
    private final EventFactory eventFactory;
    private final HttpClient http;
    private final ScheduledExecutorService executor;
    private final JwksKeySet keys;
    private final AtomicBoolean fetchQueued = new AtomicBoolean();
    private int failures;

    public JwksFetcher(URI url, Duration interval, Duration minInterval, Ticker ticker, EventSink events,
                       EventFactory eventFactory) {
        this.url = url;
        this.schedule = new JwksRefreshPolicy(interval, minInterval);
        this.events = events;
        this.eventFactory = eventFactory;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "warden-jwks");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(executor).build();
        this.keys = new JwksKeySet(ticker, minInterval, this::refreshSoon);
    }

    public JwksKeySet keys() {
        return keys;
    }

    /** Fetches once now and waits up to {@code wait} for it, so Warden starts with keys when it can. */
    public void start(Duration wait) {
        try {
            executor.submit(this::fetch).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("JWKS {} not loaded at start ({}); tokens signed with its keys fail until it is", url,
                    e.getClass().getSimpleName());
        }
    }

    private void refreshSoon() {
        if (fetchQueued.compareAndSet(false, true)) {
            executor.execute(this::fetch);
        }
    }

    private void fetch() {
        fetchQueued.set(false);
        Duration next;
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode());
            }
            if (response.body().length > MAX_DOCUMENT_BYTES) {
                throw new IllegalStateException("document over " + MAX_DOCUMENT_BYTES + " bytes");
            }
            JwksParser.Document document = keys.update(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
            if (failures > 0) {
                events.emit(eventFactory.create(EventType.DEPENDENCY_RESTORED, ThreatLevel.LOW, null, null, null,
                        Map.of("dependency", "jwks", "keys", document.keys().size())));
            }
            failures = 0;
            if (!document.skipped().isEmpty()) {
                LOG.info("JWKS {}: {} keys, skipped {}", url, document.keys().size(), document.skipped());
            }
            next = schedule.afterSuccess(response.headers().firstValue("Cache-Control").orElse(null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            failures++;
            if (failures == 1) {
                events.emit(eventFactory.create(EventType.DEPENDENCY_DOWN, ThreatLevel.MEDIUM, null, null, null,
                        Map.of("dependency", "jwks", "reason", e.getClass().getSimpleName())));
            }
            LOG.warn("JWKS {} fetch failed ({} in a row): {}; keeping the last good keys", url, failures,
                    e.getMessage());
            next = schedule.afterFailure(failures);
        }
        if (!executor.isShutdown()) {
            executor.schedule(this::fetch, next.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
