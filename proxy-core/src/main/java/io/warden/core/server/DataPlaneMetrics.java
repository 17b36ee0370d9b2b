package io.warden.core.server;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters the data plane bumps on its hot path: striped adders and Prometheus's lock-free
 * histograms, no locks, read by health, the dashboard and {@code /metrics}.
 */
public final class DataPlaneMetrics {

    /** Rejection reasons kept apart; reasons are Warden's own short texts, this only guards the label. */
    static final int MAX_REASONS = 64;

    private final LongAdder requests = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder upstreamFailures = new LongAdder();
    private final LongAdder protocolErrors = new LongAdder();
    private final LongAdder websocketUpgrades = new LongAdder();
    private final LongAdder upstreamResponses = new LongAdder();
    private final AtomicInteger openConnections = new AtomicInteger();
    private final LongAdder refusedOverall = new LongAdder();
    private final LongAdder refusedPerAddress = new LongAdder();
    private final Map<String, String> reasons = new ConcurrentHashMap<>();
    private final EventLoopLag eventLoopLag = new EventLoopLag();
    private final Counter answeredByWarden = Counter.builder()
            .name("warden_answered_by_warden_total")
            .help("Requests Warden answered itself (rejections and upstream failures), by status and reason")
            .labelNames("status", "reason")
            .build();
    private final Histogram pipelineLatency = Histogram.builder()
            .name("warden_pipeline_latency_seconds")
            .help("Request head to the security pipeline's decision")
            .unit(io.prometheus.metrics.model.snapshots.Unit.SECONDS)
            .classicOnly()
            .classicUpperBounds(0.000_001, 0.000_002_5, 0.000_005, 0.000_01, 0.000_025, 0.000_05, 0.000_1,
                    0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1)
            .build();
    private final Histogram upstreamLatency = Histogram.builder()
            .name("warden_upstream_latency_seconds")
            .help("Request handed to the upstream connection to the upstream's response head")
            .unit(io.prometheus.metrics.model.snapshots.Unit.SECONDS)
            .classicOnly()
            .classicUpperBounds(0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
            .build();

    public void request() {
        requests.increment();
    }

    public void rejected() {
        rejected.increment();
    }

    public void upstreamFailure() {
        upstreamFailures.increment();
    }

    public void protocolError() {
        protocolErrors.increment();
    }

    public void connectionOpened() {
        openConnections.incrementAndGet();
    }

    public void connectionClosed() {
        openConnections.decrementAndGet();
    }

    /** A connection was closed at accept: over the global cap ({@code overall}) or its address's. */
    public void connectionRefused(boolean overall) {
        (overall ? refusedOverall : refusedPerAddress).increment();
    }

    /**
     * One exchange ended (called once per exchange, on its event loop).
     *
     * @param status the status the client got (499 when it left first)
     * @param answeredReason the reason when Warden answered itself, else null
     * @param decisionNanos head received to pipeline decision, or -1 when the pipeline did not run
     * @param upstreamNanos handed to the upstream to its response head, or -1 when none came
     */
    public void exchangeEnded(int status, String answeredReason, long decisionNanos, long upstreamNanos) {
        if (decisionNanos >= 0) {
            pipelineLatency.observe(decisionNanos / 1e9);
        }
        if (upstreamNanos >= 0) {
            upstreamLatency.observe(upstreamNanos / 1e9);
            upstreamResponses.increment();
        }
        if (answeredReason != null) {
            answeredByWarden.labelValues(Integer.toString(status), reasonLabel(answeredReason)).inc();
        }
        if (status == 101) {
            websocketUpgrades.increment();
        }
    }

    /** The reason up to its first colon (the general part), at most {@value #MAX_REASONS} distinct ones. */
    private String reasonLabel(String reason) {
        String known = reasons.get(reason);
        if (known != null) {
            return known;
        }
        int colon = reason.indexOf(':');
        String label = colon > 0 ? reason.substring(0, colon) : reason;
        if (reasons.size() >= MAX_REASONS) {
            return "other";
        }
        reasons.put(reason, label);
        return label;
    }

    public long requests() {
        return requests.sum();
    }

    public long rejectedRequests() {
        return rejected.sum();
    }

    public long upstreamFailures() {
        return upstreamFailures.sum();
    }

    public long protocolErrors() {
        return protocolErrors.sum();
    }

    public int openConnections() {
        return openConnections.get();
    }

    /** Connections refused at accept since start, over {@code server.maxConnections}. */
    public long connectionsRefusedOverall() {
        return refusedOverall.sum();
    }

    /** Connections refused at accept since start, over {@code server.maxConnectionsPerAddress}. */
    public long connectionsRefusedPerAddress() {
        return refusedPerAddress.sum();
    }

    /** Response heads received from the upstream since start. */
    public long upstreamResponses() {
        return upstreamResponses.sum();
    }

    public long websocketUpgrades() {
        return websocketUpgrades.sum();
    }

    public Counter answeredByWarden() {
        return answeredByWarden;
    }

    public Histogram pipelineLatency() {
        return pipelineLatency;
    }

    public Histogram upstreamLatency() {
        return upstreamLatency;
    }

    /** How late the data plane's event loops run; probes start when Warden's loops do. */
    public EventLoopLag eventLoopLag() {
        return eventLoopLag;
    }
}
