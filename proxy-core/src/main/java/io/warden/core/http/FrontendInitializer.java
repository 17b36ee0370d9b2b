package io.warden.core.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.warden.core.ws.WebSocketGuards;
import io.warden.rules.config.ServerConfig;

import java.util.function.Supplier;

/**
 * Builds a client connection's pipeline in named steps, so tests and later stages (TLS, WebSocket
 * guard) find each handler by name, once the connection guard has admitted it.
 */
public final class FrontendInitializer extends ChannelInitializer<Channel> {

    public static final String TLS = "tls";
    public static final String HEAD_START = "head-start";
    public static final String HTTP_CODEC = "http-codec";
    public static final String PROXY = ProxyHandler.NAME;

    private static final int MAX_PIPELINED_REQUESTS = 16;

    private final ProxyServices services;
    private final ChannelGroup clients;
    private final String scheme;
    private final Supplier<SslContext> tls;

    public FrontendInitializer(ProxyServices services, ChannelGroup clients, String scheme) {
        this.services = services;
        this.clients = clients;
        this.scheme = scheme;
        this.tls = null;
    }

    /** An HTTPS listener's: TLS first, from the context {@code tls} holds when the connection opens. */
    public FrontendInitializer(ProxyServices services, ChannelGroup clients, Supplier<SslContext> tls) {
        this.services = services;
        this.clients = clients;
        this.scheme = "https";
        this.tls = tls;
    }

    @Override
    protected void initChannel(Channel ch) {
        if (!services.connections().admit(ch, services)) {
            // refused before TLS and before any read: no pipeline, nothing to parse
            return;
        }
        ServerConfig server = services.policy().get().config().server();
        clients.add(ch);
        ProxyHandler proxy = new ProxyHandler(services, scheme);
        if (tls != null) {
            ch.pipeline().addLast(TLS, tls.get().newHandler(ch.alloc()));
        }
        ch.pipeline()
                .addLast(HEAD_START, new HeadStartSignal(proxy))
                .addLast(HTTP_CODEC, new HttpServerCodec(decoderConfig(server), MAX_PIPELINED_REQUESTS))
                .addLast(PROXY, proxy);
    }

    /**
     * Strict parsing whatever the JVM's system properties say: CRLF-only lines, Content-Length
     * with Transfer-Encoding rejected, duplicate lengths rejected, headers validated.
     */
    static HttpDecoderConfig decoderConfig(ServerConfig server) {
        return new HttpDecoderConfig()
                .setMaxInitialLineLength(server.maxInitialLineLength())
                .setMaxHeaderSize(server.maxHeaderSize())
                .setMaxChunkSize(64 * 1024)
                .setStrictLineParsing(true)
                .setUseRfc9112TransferEncoding(true)
                .setAllowDuplicateContentLengths(false)
                .setValidateHeaders(true);
    }

    /**
     * Lets a stopping server close this connection once it is idle, and tells a WebSocket to go
     * now (it is never idle); runs on the channel's loop.
     */
    public static void closeIfIdle(Channel ch) {
        ProxyHandler proxy = (ProxyHandler) ch.pipeline().get(PROXY);
        if (proxy != null) {
            ch.eventLoop().execute(proxy::closeIfIdle);
        }
        WebSocketGuards.goingAway(ch);
    }
}
