package io.warden.rules.websocket;

import java.util.Objects;

/**
 * What the data plane does with a client message: forward it, drop it (the connection goes on),
 * or close the connection with {@link #violation()}.
 */
public record MessageAction(Kind kind, Violation violation) {

    public static final MessageAction FORWARD = new MessageAction(Kind.FORWARD, null);
    public static final MessageAction DROP = new MessageAction(Kind.DROP, null);

    public enum Kind { FORWARD, DROP, CLOSE }

    public MessageAction {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.CLOSE) {
            Objects.requireNonNull(violation, "violation");
        }
    }

    public static MessageAction close(Violation violation) {
        return new MessageAction(Kind.CLOSE, violation);
    }
}
