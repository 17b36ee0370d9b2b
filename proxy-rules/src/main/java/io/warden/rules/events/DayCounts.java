package io.warden.rules.events;

import java.time.LocalDate;
import java.util.Map;

/**
 * The events of one day (UTC) by type and by level.
 *
 * @param byType counts keyed by the event type's wire name
 * @param byLevel counts keyed by the level's wire name
 */
public record DayCounts(LocalDate day, long total, Map<String, Long> byType, Map<String, Long> byLevel) {

    public DayCounts {
        byType = Map.copyOf(byType);
        byLevel = Map.copyOf(byLevel);
    }
}
