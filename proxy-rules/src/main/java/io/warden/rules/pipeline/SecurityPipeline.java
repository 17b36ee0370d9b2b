package io.warden.rules.pipeline;

import io.warden.rules.events.EventSink;
import io.warden.rules.events.SecurityEvent;

import java.util.List;

/**
 * The ordered checks every request passes, and the steps every response passes. Callable without
 * Netty: the data plane adapts its objects to {@link RequestContext} and acts on the decisions,
 * so the whole decision can be unit-tested and benchmarked alone.
 *
 * <p>Every event a check raises goes to the sink here, whether the request goes on or not.
 */
public final class SecurityPipeline {

    private final List<RequestCheck> requestChecks;
    private final List<BodyCheck> bodyChecks;
    private final List<ResponseStep> responseSteps;
    private final EventSink events;

    public SecurityPipeline(List<RequestCheck> requestChecks, List<BodyCheck> bodyChecks,
                            List<ResponseStep> responseSteps, EventSink events) {
        this.requestChecks = List.copyOf(requestChecks);
        this.bodyChecks = List.copyOf(bodyChecks);
        this.responseSteps = List.copyOf(responseSteps);
        this.events = events;
    }

    /** Runs the head checks in order; the first rejection or local answer stops the request. */
    public Decision onRequest(RequestContext request) {
        for (RequestCheck check : requestChecks) {
            Decision decision = check.check(request);
            emit(decision.events());
            if (!(decision instanceof Decision.Proceed)) {
                return decision;
            }
        }
        return Decision.proceed();
    }

    /** Whether any body check needs this request's body buffered before it is forwarded. */
    public boolean wantsBody(RequestContext request) {
        for (BodyCheck check : bodyChecks) {
            if (check.wants(request)) {
                return true;
            }
        }
        return false;
    }

    /** The largest body the wanting checks accept buffered; only meaningful when {@link #wantsBody}. */
    public long bodyBufferLimit(RequestContext request) {
        long limit = Long.MAX_VALUE;
        for (BodyCheck check : bodyChecks) {
            if (check.wants(request)) {
                limit = Math.min(limit, check.maxBufferedBytes(request));
            }
        }
        return limit;
    }

    public Decision onBody(RequestContext request, RequestBody body) {
        for (BodyCheck check : bodyChecks) {
            if (!check.wants(request)) {
                continue;
            }
            Decision decision = check.check(request, body);
            emit(decision.events());
            if (decision instanceof Decision.Reject) {
                return decision;
            }
        }
        return Decision.proceed();
    }

    /** Lets a {@link Decision.Answer}'s responder answer, emitting the events it raised. */
    public LocalResponse answer(RequestContext request, LocalResponder responder, RequestBody body) {
        LocalResponse response = responder.respond(request, body);
        emit(response.events());
        return response;
    }

    /** Runs on every response head, Warden's own rejections included. */
    public void onResponse(RequestContext request, int status, MutableHeaders headers) {
        request.responseHeaders().forEach(headers::set);
        for (ResponseStep step : responseSteps) {
            step.onResponse(request, status, headers);
        }
    }

    private void emit(List<SecurityEvent> raised) {
        for (int i = 0; i < raised.size(); i++) {
            events.emit(raised.get(i));
        }
    }
}
