package io.warden.core.upstream;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.warden.core.server.Transport;

import java.time.Duration;

/** Opens connections to the upstream on a given event loop, TLS included when the URL says https. */
public final class UpstreamConnector {

    public static final String CODEC = "upstream-codec";
    static final String HANDLER = "upstream-connection";

    private final Transport transport;
    private final String host;
    private final int port;
    private final SslContext tls;
    private final int connectTimeoutMillis;

    /**
     * @param tls client TLS context when the upstream is https, else null
     */
    public UpstreamConnector(Transport transport, String host, int port, SslContext tls, Duration connectTimeout) {
        this.transport = transport;
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
    }

    /** Connects on {@code loop}; the promise completes once the connection can carry a request. */
    void connect(EventLoop loop, Promise<UpstreamConnection> ready) {
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 64 * 1024))
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast("upstream-tls", tls.newHandler(ch.alloc(), host, port));
                        }
                        ch.pipeline().addLast(CODEC, new HttpClientCodec(new HttpDecoderConfig()
                                .setMaxInitialLineLength(8192)
                                .setMaxHeaderSize(65536)
                                .setMaxChunkSize(65536), false, false));
                        ch.pipeline().addLast(HANDLER, new UpstreamConnection(ch));
                    }
                });
        ChannelFuture connect = bootstrap.connect(host, port);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                ready.tryFailure(f.cause());
                return;
            }
            Channel ch = connect.channel();
            UpstreamConnection connection = (UpstreamConnection) ch.pipeline().get(HANDLER);
            SslHandler ssl = ch.pipeline().get(SslHandler.class);
            if (ssl == null) {
                ready.trySuccess(connection);
                return;
            }
            ssl.handshakeFuture().addListener((Future<Channel> hs) -> {
                if (hs.isSuccess()) {
                    ready.trySuccess(connection);
                } else {
                    ch.close();
                    ready.tryFailure(hs.cause());
                }
            });
        });
    }

    public String authority() {
        boolean defaultPort = tls == null ? port == 80 : port == 443;
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return defaultPort ? h : h + ":" + port;
    }
}
