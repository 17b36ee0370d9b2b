package io.warden.rules.websocket;

import io.warden.rules.events.SecurityEvent;
import io.warden.rules.inspect.InspectionCheck;
import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.RequestBody;
import io.warden.rules.pipeline.RequestContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs each message through the checks a request body would meet: first the channel's format
 * (JSON when the route says so), then the injection engine over the message as a JSON or text
 * body, with the handshake route's inspection settings. The first verdict that is not a pass wins;
 * every event found on the way is kept (detect mode findings ride on a pass).
 */
public final class InjectionMessageInspector implements MessageInspector {

    private final MessageInspector format;
    private final InspectionCheck inspection;

    public InjectionMessageInspector(MessageInspector format, InspectionCheck inspection) {
        this.format = format;
        this.inspection = inspection;
    }

    @Override
    public MessageVerdict inspect(RequestContext handshake, byte[] utf8) {
        MessageVerdict formatVerdict = format.inspect(handshake, utf8);
        if (formatVerdict.outcome() != MessageVerdict.Outcome.PASS) {
            return formatVerdict;
        }
        boolean json = handshake.route().websocket().json();
        Decision decision = inspection.check(handshake,
                new RequestBody(json ? "application/json" : "text/plain; charset=utf-8", utf8));
        List<SecurityEvent> events = new ArrayList<>(formatVerdict.events());
        events.addAll(decision.events());
        if (decision instanceof Decision.Reject reject) {
            return MessageVerdict.refused(reject.reason(), events);
        }
        return events.isEmpty() ? MessageVerdict.PASS : new MessageVerdict(MessageVerdict.Outcome.PASS, null, events);
    }
}
