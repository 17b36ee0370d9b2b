package io.warden.core.monitor;

import io.warden.core.server.DataPlaneMetrics;
import io.warden.core.state.EventSubscriber;
import io.warden.rules.events.SecurityEvent;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests and rejections per interval for the dashboard's chart: the data plane's counters are
 * sampled on the event bus's tick, so nothing extra runs on the hot path. Keeps {@code points}
 * intervals.
 */
public final class TrafficHistory implements EventSubscriber {

    private record Point(Instant at, long requests, long rejections) {
    }

    private final DataPlaneMetrics metrics;
    private final InstantSource clock;
    private final Duration interval;
    private final int points;
    private final ArrayDeque<Point> history;
    private Instant nextSample;
    private long lastRequests;
    private long lastRejections;

    public TrafficHistory(DataPlaneMetrics metrics, InstantSource clock, Duration interval, int points) {
        this.metrics = metrics;
        this.clock = clock;
        this.interval = interval;
        this.points = points;
        this.history = new ArrayDeque<>(points);
        this.nextSample = clock.instant().plus(interval);
        this.lastRequests = metrics.requests();
        this.lastRejections = metrics.rejectedRequests();
    }

    @Override
    public void onEvents(List<SecurityEvent> batch) {
        tick();
    }

    @Override
    public void tick() {
        Instant now = clock.instant();
        if (now.isBefore(nextSample)) {
            return;
        }
        nextSample = now.plus(interval);
        long requests = metrics.requests();
        long rejections = metrics.rejectedRequests();
        synchronized (history) {
            if (history.size() == points) {
                history.removeFirst();
            }
            history.addLast(new Point(now, requests - lastRequests, rejections - lastRejections));
            lastRequests = requests;
            lastRejections = rejections;
        }
    }

    /**
     * {@code interval_seconds} and the points, oldest first; the last point is the interval in
     * progress, so the chart reaches the present.
     */
    public Map<String, Object> snapshot() {
        List<Map<String, Object>> out = new ArrayList<>();
        long requests;
        long rejections;
        synchronized (history) {
            for (Point p : history) {
                out.add(point(p));
            }
            requests = lastRequests;
            rejections = lastRejections;
        }
        out.add(point(new Point(clock.instant(), metrics.requests() - requests,
                metrics.rejectedRequests() - rejections)));
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("interval_seconds", interval.toSeconds());
        snapshot.put("points", out);
        return snapshot;
    }

    private static Map<String, Object> point(Point p) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("at", p.at().toString());
        point.put("requests", p.requests());
        point.put("rejections", p.rejections());
        return point;
    }
}
