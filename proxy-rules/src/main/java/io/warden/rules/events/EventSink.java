package io.warden.rules.events;

/**
 * Where security events go. Implementations must never block the caller: a data-plane thread
 * emits, so a full queue drops the event and counts the drop rather than waiting.
 */
@FunctionalInterface
public interface EventSink {

    void emit(SecurityEvent event);

    static EventSink discarding() {
        return event -> { };
    }
}
