package io.warden.rules.websocket;

import io.warden.rules.events.SecurityEvent;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link MessageInspector} found in one message. Every outcome may carry events (in
 * {@code detect} mode a finding is a {@code PASS} with its event), which the session records.
 *
 * @param reason a short reason, fixed text without message content; null on {@code PASS}
 */
public record MessageVerdict(Outcome outcome, String reason, List<SecurityEvent> events) {

    public static final MessageVerdict PASS = new MessageVerdict(Outcome.PASS, null, List.of());

    public enum Outcome {
        /** Forward the message. */
        PASS,
        /** The message breaks the channel's format: the route's {@code onMalformedJson} decides. */
        MALFORMED,
        /** The content is refused (an injection in block mode): dropped, and a violation. */
        REFUSED
    }

    public MessageVerdict {
        Objects.requireNonNull(outcome, "outcome");
        if (outcome != Outcome.PASS) {
            Objects.requireNonNull(reason, "reason");
        }
        events = List.copyOf(events);
    }

    public static MessageVerdict malformed(String reason, SecurityEvent event) {
        return new MessageVerdict(Outcome.MALFORMED, reason, List.of(event));
    }

    public static MessageVerdict refused(String reason, List<SecurityEvent> events) {
        return new MessageVerdict(Outcome.REFUSED, reason, events);
    }
}
