package io.warden.rules.events;

import java.util.List;

/**
 * One page of search results, newest first.
 *
 * @param next the cursor for the following page, or null when there is none
 */
public record EventPage(List<SecurityEvent> events, String next) {

    public EventPage {
        events = List.copyOf(events);
    }
}
