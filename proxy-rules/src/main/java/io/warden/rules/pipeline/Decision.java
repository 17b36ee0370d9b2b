package io.warden.rules.pipeline;

import io.warden.rules.events.SecurityEvent;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a check decided about a request. Both outcomes carry the events the check raised, so
 * {@code detect} mode is "record the decision, do not apply it".
 */
public sealed interface Decision permits Decision.Proceed, Decision.Reject, Decision.Answer {

    List<SecurityEvent> events();

    static Proceed proceed() {
        return Proceed.PLAIN;
    }

    static Proceed proceed(List<SecurityEvent> events) {
        return events.isEmpty() ? Proceed.PLAIN : new Proceed(events);
    }

    static Reject reject(int status, String reason, SecurityEvent event) {
        return new Reject(status, reason, Map.of(), List.of(event), false);
    }

    static Answer answer(LocalResponder responder) {
        return new Answer(responder, List.of());
    }

    /** The request goes on to the next check. */
    record Proceed(List<SecurityEvent> events) implements Decision {
        static final Proceed PLAIN = new Proceed(List.of());

        public Proceed {
            events = List.copyOf(events);
        }
    }

    /**
     * The request stops here and the client gets {@code status} with a short {@code reason}.
     *
     * @param headers extra response headers, e.g. {@code Retry-After}
     * @param closeConnection whether the connection must close after the answer (e.g. framing
     *                        that cannot be trusted any further)
     */
    record Reject(int status, String reason, Map<String, String> headers, List<SecurityEvent> events,
                  boolean closeConnection) implements Decision {
        public Reject {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("a rejection needs a 4xx or 5xx status, got " + status);
            }
            Objects.requireNonNull(reason, "reason");
            headers = Map.copyOf(headers);
            events = List.copyOf(events);
        }

        public Reject withHeader(String name, String value) {
            Map<String, String> more = new java.util.HashMap<>(headers);
            more.put(name, value);
            return new Reject(status, reason, more, events, closeConnection);
        }

        public Reject closing() {
            return new Reject(status, reason, headers, events, true);
        }
    }

    /**
     * Warden answers the request itself and it is never forwarded: the checks after this one do
     * not run, and the data plane reads the body the responder wants, then writes its answer.
     */
    record Answer(LocalResponder responder, List<SecurityEvent> events) implements Decision {
        public Answer {
            Objects.requireNonNull(responder, "responder");
            events = List.copyOf(events);
        }
    }
}
