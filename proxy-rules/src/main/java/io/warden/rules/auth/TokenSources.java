package io.warden.rules.auth;

import io.warden.rules.config.AuthConfig;

import java.util.Objects;

/**
 * Where a route looks for a token.
 *
 * <p>Browsers cannot set headers on a WebSocket, so a handshake may also carry the token as a
 * subprotocol, in the {@code bearer, <token>} convention: the client offers the protocols
 * {@code ["bearer", token]} (plus any real ones), Warden takes the entry after {@code bearer},
 * and answers {@code bearer} when the backend chose none (see {@link BearerSubprotocolStep}).
 * Or as a {@code token} query parameter. Both only on handshakes: on plain requests a token in
 * the URL would end up in logs.
 *
 * @param header the header carrying the token; for {@code Authorization} only the Bearer scheme counts
 * @param cookie a cookie carrying the token, or null
 * @param webSocket whether handshakes may carry the token as a subprotocol or query parameter
 * @param stripWebSocket whether such a token is removed before the request is forwarded
 */
public record TokenSources(String header, String cookie, boolean webSocket, boolean stripWebSocket) {

    public static final String AUTHORIZATION = "Authorization";
    public static final String PROTOCOL_MARKER = "bearer";
    public static final String QUERY_PARAMETER = "token";

    public TokenSources {
        Objects.requireNonNull(header, "header");
    }

    public static TokenSources bearerHeader() {
        return new TokenSources(AUTHORIZATION, null, true, true);
    }

    public static TokenSources from(AuthConfig config) {
        return new TokenSources(config.tokenHeader(), config.tokenCookie(), config.webSocketTokens(),
                config.stripWebSocketToken());
    }
}
