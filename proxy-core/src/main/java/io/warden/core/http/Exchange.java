package io.warden.core.http;

import io.netty.buffer.CompositeByteBuf;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.warden.core.upstream.UpstreamConnection;
import io.warden.rules.pipeline.LocalResponder;
import io.warden.rules.pipeline.RequestContext;

/** One request and its response as they pass through: the facts and the progress of both halves. */
final class Exchange {

    final RequestContext request;
    final HttpRequest head;
    final DataPlanePolicy policy;
    final HttpMethod method;
    final HttpVersion clientVersion;
    final String target;
    final long startNanos;
    final boolean clientKeepAlive;
    final boolean websocket;
    final boolean peerTrusted;

    UpstreamConnection upstream;
    /** Set when Warden answers this request itself once its body is read; it is never forwarded. */
    LocalResponder local;
    CompositeByteBuf buffered;
    long bufferLimit;
    long requestBytes;
    /** Every byte of the request was read from the client. */
    boolean requestConsumed;
    /** Every byte of the request was written to the upstream. */
    boolean requestComplete;
    boolean retried;

    boolean responseStarted;
    boolean responseComplete;
    boolean upstreamKeepAlive;
    boolean closeClient;
    boolean upgraded;
    int status;
    long responseBytes;

    /** For the latency metrics: head to pipeline decision, and upstream handover to response head; -1 when not run. */
    long decisionNanos = -1;
    long upstreamStartNanos;
    long upstreamNanos = -1;
    /** The reason when Warden answered the request itself, for the rejections-by-reason metric. */
    String answeredReason;

    /** Whether the response deadline runs: the request is sent and no response head came yet. */
    boolean awaitingHead;
    long responseDeadline;
    long lastUpstreamActivity;

    Exchange(RequestContext request, HttpRequest head, DataPlanePolicy policy, String target, long startNanos,
             boolean clientKeepAlive, boolean websocket, boolean peerTrusted) {
        this.request = request;
        this.head = head;
        this.policy = policy;
        this.method = head.method();
        this.clientVersion = head.protocolVersion();
        this.target = target;
        this.startNanos = startNanos;
        this.clientKeepAlive = clientKeepAlive;
        this.websocket = websocket;
        this.peerTrusted = peerTrusted;
    }

    void releaseBuffered() {
        if (buffered != null) {
            buffered.release();
            buffered = null;
        }
    }
}
