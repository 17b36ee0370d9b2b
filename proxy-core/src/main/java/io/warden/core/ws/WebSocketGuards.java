package io.warden.core.ws;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.warden.core.upstream.UpstreamConnection;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.websocket.WebSocketSession;
import io.warden.rules.websocket.WebSocketSessions;

/**
 * Puts the WebSocket guard on a connection the moment it upgrades: a frame guard in front of the
 * proxy on the client side and in front of the upstream connection's handler on the other, so
 * every byte either side sends after the 101 passes a guard before the proxy relays it. Part of
 * the policy: connections opened after a reload get the new settings.
 */
public final class WebSocketGuards {

    public static final String CLIENT_GUARD = "ws-client-guard";
    public static final String UPSTREAM_GUARD = "ws-upstream-guard";

    private final WebSocketSessions sessions;

    public WebSocketGuards(WebSocketSessions sessions) {
        this.sessions = sessions;
    }

    /**
     * Installs the guards. Call it before the HTTP codecs are removed: bytes they still hold are
     * then handed to the guards, not straight to the relay.
     *
     * @param proxy the context of the client-side handler that relays bytes once upgraded
     * @param handshake the upgraded request; the connection's session ends with it
     */
    public void install(ChannelHandlerContext proxy, Channel upstream, RequestContext handshake) {
        WebSocketSession session = sessions.open(handshake);
        WebSocketRelay relay = new WebSocketRelay(proxy.channel(), upstream, session);
        ClientFrameGuard clientGuard = new ClientFrameGuard(relay, session);
        UpstreamFrameGuard upstreamGuard = new UpstreamFrameGuard(relay, session.policy().upstreamMaxFrameBytes());
        proxy.pipeline().addBefore(proxy.name(), CLIENT_GUARD, clientGuard);
        upstream.pipeline().addBefore(upstream.pipeline().context(UpstreamConnection.class).name(), UPSTREAM_GUARD,
                upstreamGuard);
        relay.start(clientGuard, upstreamGuard);
    }

    /**
     * Tells an upgraded connection that Warden is stopping (1001, both sides), so clients
     * reconnect elsewhere at once instead of being cut off when the drain times out. Does
     * nothing to a connection that is not a WebSocket; safe to call repeatedly, from any thread.
     */
    public static void goingAway(Channel client) {
        if (client.pipeline().get(CLIENT_GUARD) instanceof ClientFrameGuard guard) {
            client.eventLoop().execute(guard.relay::shutdown);
        }
    }
}
