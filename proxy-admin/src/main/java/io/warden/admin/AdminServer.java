package io.warden.admin;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventSink;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The admin API on its own port and its own thread, so an overloaded data plane never keeps an
 * operator from seeing and acting, and the admin API never slows the data plane.
 */
public final class AdminServer implements AutoCloseable {

    private static final int MAX_BODY = 64 * 1024;

    private final EventLoopGroup group;
    private final Channel channel;

    private AdminServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /** Binds and returns once listening; fails if the address is taken. */
    public static AdminServer start(String host, int port, AdminRoutes routes, BearerToken token, EventSink events,
                                    EventFactory eventFactory) throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("warden-admin", true),
                NioIoHandler.newFactory());
        try {
            Channel channel = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline()
                                    .addLast("read-timeout", new ReadTimeoutHandler(30, TimeUnit.SECONDS))
                                    .addLast("http-codec", new HttpServerCodec(new HttpDecoderConfig()
                                            .setMaxInitialLineLength(4096).setMaxHeaderSize(16384)))
                                    .addLast("aggregator", new HttpObjectAggregator(MAX_BODY))
                                    .addLast("admin", new AdminHandler(routes, token, events, eventFactory));
                        }
                    })
                    .bind(host, port).sync().channel();
            return new AdminServer(group, channel);
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
