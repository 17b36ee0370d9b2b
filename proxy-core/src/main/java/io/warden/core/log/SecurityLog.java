package io.warden.core.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.core.state.EventSubscriber;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.events.ThreatLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Writes each security event as one JSON line on the {@code warden.security} logger, so events
 * show in the process log even before (or without) the event store.
 */
public final class SecurityLog implements EventSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger("warden.security");

    private final ObjectMapper json;

    public SecurityLog(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void onEvents(List<SecurityEvent> batch) {
        for (SecurityEvent event : batch) {
            String line;
            try {
                line = json.writeValueAsString(event);
            } catch (JsonProcessingException e) {
                line = event.type().wireName() + " " + event.eventId();
            }
            if (event.level().atLeast(ThreatLevel.HIGH)) {
                LOG.warn(line);
            } else {
                LOG.info(line);
            }
        }
    }
}
