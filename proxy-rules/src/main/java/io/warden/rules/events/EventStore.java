package io.warden.rules.events;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The stored history of security events, as the admin API reads it. Implementations are safe to
 * call from any thread while events are being written, and never block the data plane.
 */
public interface EventStore {

    /**
     * The events matching the query, newest first.
     *
     * @param cursor null for the first page, else the {@code next} of the previous page
     * @throws IllegalArgumentException when the cursor is not one this store gave out
     */
    EventPage search(EventQuery query, String cursor);

    Optional<SecurityEvent> find(String eventId);

    /** Counts per day for the days from {@code from} to {@code to}, both included, that hold events. */
    List<DayCounts> dailyCounts(LocalDate from, LocalDate to);

    RetentionStatus retention();

    /** The store when monitoring is off: holds nothing. */
    static EventStore empty(int retentionDays) {
        return new EventStore() {
            @Override
            public EventPage search(EventQuery query, String cursor) {
                return new EventPage(List.of(), null);
            }

            @Override
            public Optional<SecurityEvent> find(String eventId) {
                return Optional.empty();
            }

            @Override
            public List<DayCounts> dailyCounts(LocalDate from, LocalDate to) {
                return List.of();
            }

            @Override
            public RetentionStatus retention() {
                return new RetentionStatus(retentionDays, null, 0, 0, 0, false, 0);
            }
        };
    }
}
