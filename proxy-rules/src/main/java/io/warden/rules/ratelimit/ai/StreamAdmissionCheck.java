package io.warden.rules.ratelimit.ai;

import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.RequestCheck;
import io.warden.rules.pipeline.RequestContext;

/**
 * Admits long-lived requests (WebSocket upgrades, SSE subscriptions) under the concurrency caps:
 * a refused one gets 429, an admitted one holds its lease until the exchange ends.
 */
public final class StreamAdmissionCheck implements RequestCheck {

    private final StreamConcurrency streams;

    public StreamAdmissionCheck(StreamConcurrency streams) {
        this.streams = streams;
    }

    @Override
    public Decision check(RequestContext request) {
        if (!StreamConcurrency.isLongLived(request)) {
            return Decision.proceed();
        }
        Admission admission = streams.acquire(request);
        if (admission.granted()) {
            request.releaseOnEnd(admission.lease());
        }
        return admission.decision();
    }
}
