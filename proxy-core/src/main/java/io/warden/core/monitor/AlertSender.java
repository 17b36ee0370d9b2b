package io.warden.core.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.core.state.EventSubscriber;
import io.warden.rules.config.AlertsConfig;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.time.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Posts high-severity events to the configured webhook as JSON
 * ({@code {"source":"warden","sent_at":..., "count": n, "events":[...]}}), batched every
 * {@code batchInterval}, at most {@code maxPerMinute} posts a minute, each retried
 * {@code retries} times with doubling back-off. It has its own thread and its own HTTP client
 * executor: the event bus only offers to a bounded queue, so a slow or dead receiver can never
 * reach the data plane. Events that do not fit, or whose post fails every try, are dropped and
 * counted (they stay in the event log).
 */
public final class AlertSender implements EventSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(AlertSender.class);
    private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final AlertsConfig config;
    private final URI webhook;
    private final ObjectMapper json;
    private final InstantSource clock;
    private final Ticker ticker;
    private final Duration firstBackoff;
    private final BlockingQueue<SecurityEvent> queue;
    private final ArrayDeque<Long> recentPosts = new ArrayDeque<>();
    private final ExecutorService httpExecutor;
    private final HttpClient client;
    private final ScheduledExecutorService sender;
    private final LongAdder sent = new LongAdder();
    private final LongAdder posts = new LongAdder();
    private final LongAdder failedPosts = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    /** @param firstBackoff the wait before the first retry; each further one doubles it */
    public AlertSender(AlertsConfig config, ObjectMapper json, InstantSource clock, Ticker ticker,
                       Duration firstBackoff) {
        this.config = config;
        this.webhook = URI.create(config.webhookUrl());
        this.json = json;
        this.clock = clock;
        this.ticker = ticker;
        this.firstBackoff = firstBackoff;
        this.queue = new ArrayBlockingQueue<>(config.maxQueued());
        this.httpExecutor = Executors.newSingleThreadExecutor(daemon("warden-alerts-http"));
        this.client = HttpClient.newBuilder().executor(httpExecutor).connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.sender = Executors.newSingleThreadScheduledExecutor(daemon("warden-alerts"));
        long every = config.batchInterval().toMillis();
        sender.scheduleWithFixedDelay(this::flush, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onEvents(List<SecurityEvent> batch) {
        for (SecurityEvent e : batch) {
            if (e.level().atLeast(config.minLevel()) && !queue.offer(e)) {
                dropped.increment();
            }
        }
    }

    private void flush() {
        while (!queue.isEmpty() && mayPost()) {
            List<SecurityEvent> batch = new ArrayList<>(config.maxBatch());
            queue.drainTo(batch, config.maxBatch());
            post(batch, config.retries());
        }
    }

    private boolean mayPost() {
        long now = ticker.nanos();
        while (!recentPosts.isEmpty() && now - recentPosts.peekFirst() >= MINUTE_NANOS) {
            recentPosts.removeFirst();
        }
        return recentPosts.size() < config.maxPerMinute();
    }

    private void post(List<SecurityEvent> batch, int retries) {
        recentPosts.addLast(ticker.nanos());
        byte[] body;
        try {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("source", "warden");
            payload.put("sent_at", clock.instant().toString());
            payload.put("count", batch.size());
            payload.put("events", batch);
            body = json.writeValueAsBytes(payload);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("alert is not serialisable", impossible);
        }
        HttpRequest request = HttpRequest.newBuilder(webhook)
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "warden-alerts")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        long backoff = firstBackoff.toMillis();
        String failure = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0 && !sleep(backoff)) {
                break;
            }
            if (attempt > 0) {
                backoff *= 2;
            }
            posts.increment();
            try {
                HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() / 100 == 2) {
                    sent.add(batch.size());
                    return;
                }
                failure = "status " + response.statusCode();
            } catch (IOException e) {
                failure = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = "interrupted";
                break;
            }
        }
        failedPosts.increment();
        dropped.add(batch.size());
        LOG.warn("alert webhook failed ({}): {} events not delivered", failure, batch.size());
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** After the bus delivered everything: one last post of what is queued, without retries. */
    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!queue.isEmpty() && mayPost()) {
                List<SecurityEvent> batch = new ArrayList<>(config.maxBatch());
                queue.drainTo(batch, config.maxBatch());
                post(batch, 0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sender.shutdownNow();
            httpExecutor.shutdownNow();
        }
    }

    public long sent() {
        return sent.sum();
    }

    public long posts() {
        return posts.sum();
    }

    public long failedPosts() {
        return failedPosts.sum();
    }

    public long dropped() {
        return dropped.sum();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
