package io.warden.core.http;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayDeque;

/**
 * What a client sent that its connection's current exchange cannot take yet: pipelined requests
 * and body content read ahead. It is full, and the connection stops reading, while it holds a
 * request head or more than 64 KiB, so one connection buffers at most about a read's worth
 * however deep it pipelines. Used on the connection's event loop only.
 */
final class Inbox {

    private static final int PAUSE_BYTES = 64 * 1024;

    private final ArrayDeque<HttpObject> queue = new ArrayDeque<>(4);
    private int bytes;
    private int heads;

    boolean isEmpty() {
        return queue.isEmpty();
    }

    HttpObject peek() {
        return queue.peekFirst();
    }

    void add(HttpObject obj) {
        queue.addLast(obj);
        bytes += sizeOf(obj);
        if (obj instanceof HttpRequest) {
            heads++;
        }
    }

    HttpObject poll() {
        HttpObject obj = queue.pollFirst();
        if (obj != null) {
            bytes -= sizeOf(obj);
            if (obj instanceof HttpRequest) {
                heads--;
            }
        }
        return obj;
    }

    /** Whether the connection should stop reading: a request waits its turn, or too much is held. */
    boolean full() {
        return heads > 0 || bytes > PAUSE_BYTES;
    }

    /** Drops (and releases) everything held: the connection is closing. */
    void release() {
        HttpObject obj;
        while ((obj = queue.pollFirst()) != null) {
            ReferenceCountUtil.release(obj);
        }
        bytes = 0;
        heads = 0;
    }

    private static int sizeOf(HttpObject obj) {
        return obj instanceof HttpContent c ? c.content().readableBytes() : 0;
    }
}
