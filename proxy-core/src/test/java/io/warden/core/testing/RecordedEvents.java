package io.warden.core.testing;

import io.warden.core.state.EventSubscriber;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects the security events a Warden publishes, for tests to wait on. */
public final class RecordedEvents implements EventSubscriber {

    private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

    public static RecordedEvents of(WardenFixture warden) {
        RecordedEvents recorded = new RecordedEvents();
        warden.warden().events().subscribe(recorded);
        return recorded;
    }

    @Override
    public void onEvents(List<SecurityEvent> batch) {
        events.addAll(batch);
    }

    /** The events of {@code type} once at least {@code count} arrived; fails after five seconds. */
    public List<SecurityEvent> await(EventType type, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            List<SecurityEvent> found = events.stream().filter(e -> e.type() == type).toList();
            if (found.size() >= count || System.nanoTime() - deadline > 0) {
                if (found.size() < count) {
                    throw new AssertionError("expected " + count + " " + type + " events, got " + found
                            + " among " + events);
                }
                return found;
            }
            Thread.sleep(10);
        }
    }
}
