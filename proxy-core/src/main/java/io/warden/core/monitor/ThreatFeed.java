package io.warden.core.monitor;

import io.warden.core.state.EventSubscriber;
import io.warden.rules.events.EventSink;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.monitor.SecurityStats;
import io.warden.rules.monitor.ThreatTracker;

import java.util.List;

/** Feeds every event to the dashboard's counters and the threat tracker, and emits what it escalates. */
public final class ThreatFeed implements EventSubscriber {

    private final SecurityStats stats;
    private final ThreatTracker tracker;
    private final EventSink events;

    /** @param tracker null when threat tracking is off */
    public ThreatFeed(SecurityStats stats, ThreatTracker tracker, EventSink events) {
        this.stats = stats;
        this.tracker = tracker;
        this.events = events;
    }

    @Override
    public void onEvents(List<SecurityEvent> batch) {
        for (SecurityEvent e : batch) {
            stats.observe(e);
            if (tracker != null) {
                tracker.observe(e).forEach(events::emit);
            }
        }
    }
}
