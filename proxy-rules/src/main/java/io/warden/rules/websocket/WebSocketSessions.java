package io.warden.rules.websocket;

import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventSink;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.time.Ticker;

import java.util.Objects;

/**
 * Opens a {@link WebSocketSession} for each upgraded connection, around the shared limits and one
 * configuration's inspector. Built with the policy, so a reload applies to connections opened after it.
 */
public final class WebSocketSessions {

    private final WebSocketLimits limits;
    private final MessageInspector inspector;
    private final EventFactory events;
    private final EventSink sink;
    private final Ticker ticker;

    public WebSocketSessions(WebSocketLimits limits, MessageInspector inspector, EventFactory events, EventSink sink,
                             Ticker ticker) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.inspector = Objects.requireNonNull(inspector, "inspector");
        this.events = Objects.requireNonNull(events, "events");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /**
     * A session for the connection {@code handshake} opened, recorded as opened; it is closed
     * with the exchange ({@link RequestContext#releaseOnEnd}), which records how it ended.
     */
    public WebSocketSession open(RequestContext handshake) {
        WebSocketSession session = new WebSocketSession(handshake, limits, inspector, events, sink, ticker);
        session.opened();
        handshake.releaseOnEnd(session);
        return session;
    }
}
