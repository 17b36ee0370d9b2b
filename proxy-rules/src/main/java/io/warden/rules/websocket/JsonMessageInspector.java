package io.warden.rules.websocket;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventType;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.pipeline.RequestContext;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/**
 * On a JSON channel ({@code websocket.json: true} on the route), a text message must be exactly
 * one JSON value: nothing after it, no duplicate keys (two parsers reading different values from
 * one message is how a check gets bypassed), bounded nesting, numbers and strings. The parse
 * streams tokens and builds nothing. Messages on other channels pass.
 */
public final class JsonMessageInspector implements MessageInspector {

    static final int MAX_DEPTH = 64;
    static final String REASON = "malformed JSON message";

    private final JsonFactory json = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH).maxNumberLength(64).maxStringLength(1 << 20).build())
            .build();
    private final EventFactory events;

    public JsonMessageInspector(EventFactory events) {
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public MessageVerdict inspect(RequestContext handshake, byte[] utf8) {
        if (!handshake.route().websocket().json()) {
            return MessageVerdict.PASS;
        }
        String problem = problem(utf8);
        if (problem == null) {
            return MessageVerdict.PASS;
        }
        return MessageVerdict.malformed(REASON, handshake.event(events, EventType.WEBSOCKET_VIOLATION,
                ThreatLevel.LOW, Map.of("reason", REASON, "detail", problem, "bytes", utf8.length)));
    }

    /** Why the bytes are not one JSON value, or null when they are. */
    String problem(byte[] utf8) {
        try (JsonParser parser = json.createParser(utf8)) {
            if (parser.nextToken() == null) {
                return "empty message";
            }
            parser.skipChildren();
            return parser.nextToken() == null ? null : "trailing content after the JSON value";
        } catch (StreamConstraintsException e) {
            return "JSON nesting, number or string over the limits";
        } catch (IOException e) {
            return e.getMessage() != null && e.getMessage().startsWith("Duplicate field")
                    ? "duplicate field" : "not valid JSON";
        }
    }
}
