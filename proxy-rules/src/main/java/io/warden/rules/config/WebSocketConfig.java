package io.warden.rules.config;

import io.warden.rules.websocket.Origins;

import java.time.Duration;
import java.util.List;

/**
 * The {@code websocket:} section: limits on WebSocket handshakes and on the frames and messages
 * of the connections they open. A route's {@code websocket:} entry overrides the message settings
 * for its paths ({@link RouteWebSocketConfig}).
 *
 * @param maxConnectionsPerIp concurrent connections per client address (IPv6: per network); the
 *                            next handshake gets 429
 * @param messagesPerMinute data messages a minute per connection; control frames never count
 * @param messageBurst messages an idle connection may send at once; null means {@code messagesPerMinute}
 * @param userMessagesPerMinute messages a minute per verified user across all of that user's
 *                              connections (five tabs do not get five times the limit); null is off
 * @param violationsBeforeClose dropped messages (over the rate, refused content) a connection may
 *                              collect; the next one closes it with 1008
 * @param maxFrameBytes the largest frame payload a client may send; larger closes with 1009
 * @param maxMessageBytes the largest message a client may send, all fragments together; 1009
 * @param maxFragments the most frames one client message may be split into; 1009
 * @param upstreamMaxFrameBytes the largest frame payload the upstream may send
 * @param onMalformedJson what a message that is not JSON does on a JSON channel: close (1003) or drop
 * @param allowedOrigins origins ({@code https://app.example.com}) a browser handshake may come
 *                       from; empty allows any. Guards against cross-site WebSocket hijacking
 * @param pingInterval a client silent this long is pinged
 * @param idleTimeout a client silent this long (not even answering pings) is closed with 1001
 * @param maxConnectionAge connections older than this are closed with 1001, so clients reconnect
 *                         and present a fresh token; null keeps them open
 */
public record WebSocketConfig(int maxConnectionsPerIp, int messagesPerMinute, Integer messageBurst,
                              Integer userMessagesPerMinute, int violationsBeforeClose, int maxFrameBytes,
                              int maxMessageBytes, int maxFragments, int upstreamMaxFrameBytes,
                              MalformedAction onMalformedJson, List<String> allowedOrigins, Duration pingInterval,
                              Duration idleTimeout, Duration maxConnectionAge) {

    public static WebSocketConfig defaults() {
        return new WebSocketConfig(10, 60, null, null, 3, 65_536, 65_536, 64, 1_048_576, MalformedAction.CLOSE,
                List.of(), Duration.ofSeconds(30), Duration.ofSeconds(60), null);
    }

    /** The burst with its default applied. */
    public int effectiveMessageBurst() {
        return messageBurst == null ? messagesPerMinute : messageBurst;
    }

    void validate(Problems p) {
        p.positive("websocket.maxConnectionsPerIp", maxConnectionsPerIp);
        p.positive("websocket.messagesPerMinute", messagesPerMinute);
        if (messageBurst != null) {
            p.positive("websocket.messageBurst", messageBurst);
        }
        if (userMessagesPerMinute != null) {
            p.positive("websocket.userMessagesPerMinute", userMessagesPerMinute);
        }
        if (violationsBeforeClose < 0) {
            p.add("websocket.violationsBeforeClose", "must be 0 or more, got " + violationsBeforeClose);
        }
        p.positive("websocket.maxFrameBytes", maxFrameBytes);
        p.positive("websocket.maxMessageBytes", maxMessageBytes);
        if (maxFrameBytes > 0 && maxMessageBytes > 0 && maxFrameBytes > maxMessageBytes) {
            p.add("websocket.maxFrameBytes", "must not exceed websocket.maxMessageBytes (" + maxMessageBytes
                    + "), got " + maxFrameBytes);
        }
        p.positive("websocket.maxFragments", maxFragments);
        p.positive("websocket.upstreamMaxFrameBytes", upstreamMaxFrameBytes);
        p.required("websocket.onMalformedJson", onMalformedJson);
        p.each("websocket.allowedOrigins", allowedOrigins, Origins::normalize);
        p.positive("websocket.pingInterval", pingInterval);
        p.positive("websocket.idleTimeout", idleTimeout);
        if (pingInterval != null && idleTimeout != null && idleTimeout.compareTo(pingInterval) <= 0) {
            p.add("websocket.idleTimeout", "must be longer than websocket.pingInterval ("
                    + Durations.format(pingInterval) + ") so a live client can answer a ping, got "
                    + Durations.format(idleTimeout));
        }
        if (maxConnectionAge != null) {
            p.positive("websocket.maxConnectionAge", maxConnectionAge);
        }
    }
}
