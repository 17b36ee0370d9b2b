package io.warden.core.server;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Counters the data plane bumps on its hot path: striped adders, no locks, read by health and admin. */
public final class DataPlaneMetrics {

    private final LongAdder requests = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder upstreamFailures = new LongAdder();
    private final LongAdder protocolErrors = new LongAdder();
    private final AtomicInteger openConnections = new AtomicInteger();

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
}
