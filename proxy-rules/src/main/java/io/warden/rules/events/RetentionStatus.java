package io.warden.rules.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.LocalDate;

/**
 * What the event log holds and how long it keeps it, for the compliance report.
 *
 * @param oldestDay the oldest day still held, or null when empty
 * @param writable whether the log is being written now (false while its directory or disk fails)
 * @param unwritten events that could not be written and are lost
 */
public record RetentionStatus(@JsonProperty("retention_days") int retentionDays,
                              @JsonProperty("oldest_day") LocalDate oldestDay,
                              @JsonProperty("day_files") int dayFiles,
                              @JsonProperty("bytes") long bytes,
                              @JsonProperty("events") long events,
                              @JsonProperty("writable") boolean writable,
                              @JsonProperty("unwritten") long unwritten) {
}
