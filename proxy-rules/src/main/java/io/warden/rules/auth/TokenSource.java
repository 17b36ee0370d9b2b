package io.warden.rules.auth;

import java.util.Locale;

/** Where a request's token was found. */
public enum TokenSource {
    /** {@code Authorization: Bearer}, or the configured {@code auth.tokenHeader}. */
    HEADER,
    /** The configured {@code auth.tokenCookie}. */
    COOKIE,
    /** {@code Sec-WebSocket-Protocol: bearer, <token>} on a WebSocket handshake. */
    WEBSOCKET_PROTOCOL,
    /** A {@code token} query parameter on a WebSocket handshake. */
    QUERY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
