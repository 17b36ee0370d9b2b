package io.warden.core.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;

/** Small readings of a decoded request head that the data plane needs before the checks run. */
final class RequestHeads {

    private static final int MAX_LOGGED_TARGET = 256;

    private RequestHeads() {
    }

    /** A WebSocket opening handshake: only these may keep {@code Upgrade} on the way through. */
    static boolean isWebSocketHandshake(HttpRequest head) {
        return "GET".equals(head.method().name())
                && "websocket".equalsIgnoreCase(head.headers().get(HttpHeaderNames.UPGRADE))
                && HopByHop.connectionHas(head.headers(), "upgrade");
    }

    static String pathOf(String target) {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /** The first of a comma-separated list (a proxy chain's {@code X-Forwarded-Proto}), or null. */
    static String firstToken(String value) {
        if (value == null) {
            return null;
        }
        int comma = value.indexOf(',');
        return (comma < 0 ? value : value.substring(0, comma)).trim();
    }

    /** The target for the access log: cut short, and {@code -} when the head did not decode. */
    static String loggedTarget(HttpRequest head) {
        if (head.decoderResult().isFailure()) {
            return "-";
        }
        String uri = head.uri();
        return uri.length() > MAX_LOGGED_TARGET ? uri.substring(0, MAX_LOGGED_TARGET) : uri;
    }
}
