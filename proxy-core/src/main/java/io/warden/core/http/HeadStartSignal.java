package io.warden.core.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Sits before the HTTP decoder and tells the proxy handler when the first byte of a request head
 * arrives, which starts the head deadline: an idle keep-alive connection and a client trickling
 * its headers (slowloris) get different clocks.
 */
final class HeadStartSignal extends ChannelInboundHandlerAdapter {

    private final ProxyHandler proxy;

    HeadStartSignal(ProxyHandler proxy) {
        this.proxy = proxy;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        proxy.bytesArrived();
        ctx.fireChannelRead(msg);
    }
}
