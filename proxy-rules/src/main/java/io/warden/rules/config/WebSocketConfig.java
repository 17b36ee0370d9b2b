package io.warden.rules.config;

/**
 * @param maxConnectionsPerIp concurrent WebSocket connections per client address
 * @param messagesPerMinute messages a minute per connection
 */
public record WebSocketConfig(int maxConnectionsPerIp, int messagesPerMinute) {

    public static WebSocketConfig defaults() {
        return new WebSocketConfig(10, 60);
    }

    void validate(Problems p) {
        p.positive("websocket.maxConnectionsPerIp", maxConnectionsPerIp);
        p.positive("websocket.messagesPerMinute", messagesPerMinute);
    }
}
