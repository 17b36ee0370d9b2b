package io.warden.rules.pipeline;

import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.events.ThreatLevel;

import java.util.Map;

/**
 * Rejects a request whose declared {@code Content-Length} exceeds the route's limit, before a byte
 * of the body is read. Bodies without a declared length are counted and cut by the data plane as
 * they stream, against the same {@link io.warden.rules.route.RoutePolicy#maxBodyBytes()}.
 */
public final class BodySizeCheck implements RequestCheck {

    private final EventFactory events;

    public BodySizeCheck(EventFactory events) {
        this.events = events;
    }

    @Override
    public Decision check(RequestContext request) {
        long limit = request.route().maxBodyBytes();
        if (request.contentLength() <= limit) {
            return Decision.proceed();
        }
        return tooLarge(request, events, request.contentLength());
    }

    /** The rejection for a body over the limit, declared or counted while streaming. */
    public static Decision.Reject tooLarge(RequestContext request, EventFactory events, long seenBytes) {
        return Decision.reject(413, "request body too large",
                        request.event(events, EventType.REQUEST_TOO_LARGE, ThreatLevel.MEDIUM,
                                Map.of("limit", request.route().maxBodyBytes(), "bytes", seenBytes)))
                .closing();
    }
}
