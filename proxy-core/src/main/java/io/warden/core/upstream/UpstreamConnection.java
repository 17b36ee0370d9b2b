package io.warden.core.upstream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * One keep-alive connection to the upstream and the last handler of its pipeline. While pooled it
 * has no listener, reads on (so a close by the upstream is noticed at once) and closes itself on
 * any unsolicited byte; while it serves an exchange it hands everything to the listener.
 */
public final class UpstreamConnection extends ChannelInboundHandlerAdapter {

    private final Channel channel;
    private UpstreamListener listener;
    private long idleSinceNanos;
    private int served;

    UpstreamConnection(Channel channel) {
        this.channel = channel;
    }

    public Channel channel() {
        return channel;
    }

    /** Whether this connection served an earlier request, so a failure may be a stale keep-alive. */
    public boolean reused() {
        return served > 0;
    }

    /** Hands this connection to one exchange until the pool gets it back. */
    public void serve(UpstreamListener newListener) {
        this.listener = newListener;
        served++;
    }

    void detach(long nowNanos) {
        this.listener = null;
        this.idleSinceNanos = nowNanos;
    }

    long idleSinceNanos() {
        return idleSinceNanos;
    }

    boolean isIdle() {
        return listener == null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        UpstreamListener l = listener;
        if (l == null) {
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        l.onUpstreamMessage(this, msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        UpstreamListener l = listener;
        if (l != null) {
            l.onUpstreamReadComplete(this);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        UpstreamListener l = listener;
        if (l != null && ctx.channel().isWritable()) {
            l.onUpstreamWritable(this);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        UpstreamListener l = listener;
        listener = null;
        if (l != null) {
            l.onUpstreamClosed(this, null);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        UpstreamListener l = listener;
        listener = null;
        if (l != null) {
            l.onUpstreamClosed(this, cause);
        }
        ctx.close();
    }
}
