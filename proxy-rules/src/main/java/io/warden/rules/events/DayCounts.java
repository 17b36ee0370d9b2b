package io.warden.rules.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.LocalDate;
import java.util.Map;

/**
 * The events of one day (UTC) by type and by level.
 *
 * @param byType counts keyed by the event type's wire name
 * @param byLevel counts keyed by the level's wire name
 */
public record DayCounts(@JsonProperty("day") LocalDate day, @JsonProperty("total") long total,
                        @JsonProperty("by_type") Map<String, Long> byType,
                        @JsonProperty("by_level") Map<String, Long> byLevel) {

    public DayCounts {
        byType = Map.copyOf(byType);
        byLevel = Map.copyOf(byLevel);
    }
}
