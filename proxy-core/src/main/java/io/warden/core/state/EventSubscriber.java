package io.warden.core.state;

import io.warden.rules.events.SecurityEvent;

import java.util.List;

/** Receives security events in batches on the event bus's own thread, never on the data plane. */
public interface EventSubscriber {

    void onEvents(List<SecurityEvent> batch);

    /**
     * Called on the bus thread about once a second, events or not: for work that must happen
     * without traffic too (forcing to disk, retrying a failed write, retention).
     */
    default void tick() {
    }

    /** The bus is stopping: everything is delivered; write out what is buffered. */
    default void close() {
    }
}
