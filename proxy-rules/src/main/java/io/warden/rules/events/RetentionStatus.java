package io.warden.rules.events;

import java.time.LocalDate;

/**
 * What the event log holds and how long it keeps it, for the compliance report.
 *
 * @param oldestDay the oldest day still held, or null when empty
 * @param writable whether the log is being written now (false while its directory or disk fails)
 * @param unwritten events that could not be written and are lost
 */
public record RetentionStatus(int retentionDays, LocalDate oldestDay, int dayFiles, long bytes, long events,
                              boolean writable, long unwritten) {
}
