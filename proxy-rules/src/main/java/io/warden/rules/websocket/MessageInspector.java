package io.warden.rules.websocket;

import io.warden.rules.pipeline.RequestContext;

/**
 * Looks at the content of one complete client text message. The data plane assembles a message
 * (all its fragments, unmasked, checked to be UTF-8) before asking, and forwards it only on
 * {@link MessageVerdict.Outcome#PASS}: what is refused never reaches the upstream. Implementations
 * are pure and thread-safe; one instance serves every connection. The injection engine plugs in
 * here, as HTTP bodies' inspection does in the body checks.
 */
@FunctionalInterface
public interface MessageInspector {

    /**
     * @param handshake the request that opened the connection: its client, identity and route
     *                  ({@code route().websocket().json()} says whether the channel is JSON)
     * @param utf8 the message, valid UTF-8; read it, never change it
     */
    MessageVerdict inspect(RequestContext handshake, byte[] utf8);
}
