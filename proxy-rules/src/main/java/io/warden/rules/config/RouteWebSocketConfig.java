package io.warden.rules.config;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A route's {@code websocket:} entry: how messages on the WebSocket connections opened through its
 * paths are checked. Every key is optional and falls back to the {@code websocket:} section.
 *
 * @param json text messages must be JSON (binary ones are refused); their values are inspected
 * @param onMalformedJson close (1003) or drop a message that is not JSON
 * @param messagesPerMinute messages a minute per connection
 * @param messageBurst messages at once from an idle connection; default this route's {@code messagesPerMinute}
 * @param maxMessageBytes the largest client message
 * @param allowedOrigins origins a browser handshake may come from
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouteWebSocketConfig(Boolean json, MalformedAction onMalformedJson, Integer messagesPerMinute,
                                   Integer messageBurst, Integer maxMessageBytes, List<String> allowedOrigins) {
}
