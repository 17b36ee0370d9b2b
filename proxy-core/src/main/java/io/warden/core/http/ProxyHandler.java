package io.warden.core.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.warden.core.upstream.AcquireCallback;
import io.warden.core.upstream.PoolExhaustedException;
import io.warden.core.upstream.UpstreamConnection;
import io.warden.core.upstream.UpstreamConnector;
import io.warden.core.upstream.UpstreamListener;
import io.warden.rules.events.EventType;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.events.ThreatLevel;
import io.warden.rules.net.ClientAddress;
import io.warden.rules.pipeline.BodySizeCheck;
import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.LocalResponder;
import io.warden.rules.pipeline.LocalResponse;
import io.warden.rules.pipeline.RequestBody;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.pipeline.RequestIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The client side of one connection and the exchanges on it: decide on each request head, then
 * stream it to an upstream connection from the pool and the response back, with backpressure
 * both ways. Reads stay on (no syscall per read cycle) and are paused only when the other side
 * cannot keep up, a pipelined request must wait its turn, or a WebSocket handshake is pending.
 *
 * <p>Everything runs on the connection's event loop, upstream callbacks included.
 */
public final class ProxyHandler extends ChannelInboundHandlerAdapter implements UpstreamListener, AcquireCallback {

    static final String NAME = "proxy";
    private static final Logger LOG = LoggerFactory.getLogger(ProxyHandler.class);
    private static final long DISCARD_LIMIT = 64 * 1024;

    private enum State { IDLE, CONNECTING, BUFFERING, STREAMING, AWAITING_RESPONSE, ANSWERING, DISCARDING, UPGRADED, CLOSED }

    /** Which client deadline runs: waiting for a request, for the rest of its head, for its body. */
    private enum Clock { IDLE, HEAD, BODY, NONE }

    private final ProxyServices services;
    private final String scheme;

    private ChannelHandlerContext ctx;
    private InetAddress peer;
    private String peerText;
    private ClientAddress peerAddress;
    private State state = State.IDLE;
    private Exchange ex;
    private final Inbox inbox = new Inbox();
    private boolean pausedForInbox;
    private boolean pausedForUpstream;
    private boolean pausedForUpgrade;
    private boolean upstreamReadPaused;
    private boolean flushUpstream;
    private long discarded;

    private Clock clock = Clock.HEAD;
    private long clientDeadline;
    private ScheduledFuture<?> ticker;

    ProxyHandler(ProxyServices services, String scheme) {
        this.services = services;
        this.scheme = scheme;
    }

    // ---- connection lifecycle -------------------------------------------------------------

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        this.peer = remote.getAddress();
        this.peerAddress = ClientAddress.of(peer);
        this.peerText = peerAddress.text();
        services.metrics().connectionOpened();
        DataPlanePolicy policy = services.policy().get();
        armClock(Clock.HEAD, policy.headerTimeoutNanos());
        long tick = policy.tickNanos();
        ticker = ctx.executor().scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.NANOSECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state = State.CLOSED;
        if (ticker != null) {
            ticker.cancel(false);
        }
        services.metrics().connectionClosed();
        inbox.release();
        Exchange e = ex;
        if (e != null) {
            if (e.upstream != null) {
                UpstreamConnection upstream = e.upstream;
                e.upstream = null;
                services.pool().release(upstream, false);
            }
            finishAccounting(e);
            ex = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /** Called on shutdown: an idle keep-alive connection can go now, a busy one after its exchange. */
    void closeIfIdle() {
        if (state == State.IDLE && ex == null && inbox.isEmpty()) {
            state = State.CLOSED;
            ctx.close();
        }
    }

    /** The first bytes of a request head arrived: the head deadline replaces the idle one. */
    void bytesArrived() {
        if (clock == Clock.IDLE) {
            armClock(Clock.HEAD, services.policy().get().headerTimeoutNanos());
        }
    }

    // ---- client → upstream ------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state == State.UPGRADED) {
            relayToUpstream(msg);
            return;
        }
        if (state == State.CLOSED || !(msg instanceof HttpObject)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        HttpObject obj = (HttpObject) msg;
        if (!inbox.isEmpty() || !accepts(obj)) {
            enqueue(obj);
            return;
        }
        handle(obj);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (flushUpstream) {
            flushUpstream = false;
            Exchange e = ex;
            if (e != null && e.upstream != null) {
                e.upstream.channel().flush();
            }
        }
    }

    private boolean accepts(HttpObject obj) {
        return switch (state) {
            case IDLE -> obj instanceof HttpRequest;
            case BUFFERING, STREAMING, DISCARDING -> obj instanceof HttpContent && !(obj instanceof HttpRequest);
            default -> false;
        };
    }

    private void handle(HttpObject obj) {
        if (obj instanceof HttpContent content && !(obj instanceof HttpRequest) && content.decoderResult().isFailure()) {
            content.release();
            malformedBody(content.decoderResult().cause());
            return;
        }
        switch (state) {
            case IDLE -> onHead((HttpRequest) obj);
            case BUFFERING -> onBufferedContent((HttpContent) obj);
            case STREAMING -> onStreamedContent((HttpContent) obj);
            case DISCARDING -> onDiscardedContent((HttpContent) obj);
            default -> ReferenceCountUtil.release(obj);
        }
    }

    private void enqueue(HttpObject obj) {
        inbox.add(obj);
        if (inbox.full()) {
            pausedForInbox = true;
            updateAutoRead();
        }
    }

    private void drainInbox() {
        while (!inbox.isEmpty() && state != State.CLOSED && accepts(inbox.peek())) {
            handle(inbox.poll());
        }
        if (pausedForInbox && !inbox.full()) {
            pausedForInbox = false;
            updateAutoRead();
        }
    }

    private void updateAutoRead() {
        if (state == State.CLOSED) {
            return;
        }
        boolean want = !(pausedForInbox || pausedForUpstream || pausedForUpgrade);
        if (ctx.channel().config().isAutoRead() != want) {
            ctx.channel().config().setAutoRead(want);
        }
    }

    private void onHead(HttpRequest head) {
        if (head instanceof HttpContent content) {
            // only a failed decode yields a full request here; its (empty) content is not needed
            content.release();
        }
        long now = System.nanoTime();
        DataPlanePolicy policy = services.policy().get();
        services.metrics().request();
        boolean failed = head.decoderResult().isFailure();
        boolean hasBody = !failed && (HttpUtil.isTransferEncodingChunked(head) || HttpUtil.getContentLength(head, 0L) > 0);
        armClock(hasBody ? Clock.BODY : Clock.NONE, policy.bodyTimeoutNanos());

        RequestFraming.Violation violation = RequestFraming.check(head);
        if (violation == null && HopByHop.namesFramingHeader(head.headers())) {
            violation = new RequestFraming.Violation(400, "malformed request", "Connection names a framing header");
        }
        if (violation != null) {
            rejectMalformed(head, policy, violation, now);
            return;
        }
        String uri = head.uri();
        String target = uri.charAt(0) == '/' || "*".equals(uri) ? uri : RequestFraming.absoluteFormPath(uri);
        head.setUri(target);

        HttpHeaders h = head.headers();
        boolean trusted = policy.clientAddresses().isTrusted(peer);
        ClientAddress client = trusted
                ? policy.clientAddresses().resolve(peer, h.getAll(ForwardingHeaders.X_FORWARDED_FOR))
                : peerAddress;
        String requestId = trusted ? RequestIds.acceptOrNew(h.get(ForwardingHeaders.X_REQUEST_ID)) : RequestIds.newId();
        boolean secure = "https".equals(scheme) || trusted && "https".equalsIgnoreCase(RequestHeads.firstToken(
                h.get(ForwardingHeaders.X_FORWARDED_PROTO)));
        String method = head.method().name();
        RequestContext request = RequestContext.builder()
                .requestId(requestId)
                .client(client)
                .method(method)
                .target(target)
                .headers(new NettyHeaders(h))
                .route(policy.routes().find(method, RequestHeads.pathOf(target)))
                .secure(secure)
                .contentLength(HttpUtil.getContentLength(head, -1L))
                .chunked(HttpUtil.isTransferEncodingChunked(head))
                .build();
        boolean websocket = RequestHeads.isWebSocketHandshake(head);
        Exchange e = new Exchange(request, head, policy, target, now, HttpUtil.isKeepAlive(head), websocket, trusted);
        ex = e;
        services.lifecycle().exchangeStarted();
        if (websocket) {
            // bytes after the handshake are frames, not HTTP: hold them until the upstream answers
            pausedForUpgrade = true;
            updateAutoRead();
        }

        Decision decision = policy.pipeline().onRequest(request);
        e.decisionNanos = System.nanoTime() - now;
        if (decision instanceof Decision.Reject reject) {
            services.metrics().rejected();
            respondError(reject.status(), reject.reason(), reject.headers(), reject.closeConnection());
            return;
        }
        if (decision instanceof Decision.Answer answer) {
            answerLocally(e, answer.responder(), hasBody);
            return;
        }
        if (hasBody && policy.pipeline().wantsBody(request)) {
            long limit = Math.min(policy.pipeline().bodyBufferLimit(request), request.route().maxBodyBytes());
            if (request.contentLength() > limit) {
                rejectTooLarge(request.contentLength(), "request body too large to inspect");
                return;
            }
            startBuffering(e, limit);
            return;
        }
        connect();
    }

    private void startBuffering(Exchange e, long limit) {
        e.bufferLimit = limit;
        e.buffered = ctx.alloc().compositeBuffer(64);
        state = State.BUFFERING;
        if (HttpUtil.is100ContinueExpected(e.head)) {
            e.head.headers().remove(HttpHeaderNames.EXPECT);
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
    }

    /** Warden answers this request itself (CSP report, HTTPS redirect): read the body it wants, then answer. */
    private void answerLocally(Exchange e, LocalResponder responder, boolean hasBody) {
        long limit = Math.min(responder.maxBodyBytes(), e.request.route().maxBodyBytes());
        if (!hasBody || limit == 0) {
            respondLocal(e, responder, null);
            return;
        }
        if (e.request.contentLength() > limit) {
            rejectTooLarge(e.request.contentLength(), "request body too large");
            return;
        }
        e.local = responder;
        startBuffering(e, limit);
    }

    private void respondLocal(Exchange e, LocalResponder responder, RequestBody body) {
        if (!responder.blocking()) {
            writeLocal(e.policy.pipeline().answer(e.request, responder, body));
            return;
        }
        // a blocking answer (bcrypt) runs on a worker; the event loop goes on with other connections
        state = State.ANSWERING;
        try {
            services.blockingWork().execute(() -> {
                LocalResponse answer;
                try {
                    answer = e.policy.pipeline().answer(e.request, responder, body);
                } catch (RuntimeException failure) {
                    LOG.error("local answer to {} failed (request {})", e.request.path(), e.request.requestId(),
                            failure);
                    answer = LocalResponse.error(500, "internal error", e.request.requestId(), List.of());
                }
                LocalResponse done = answer;
                ctx.executor().execute(() -> {
                    if (ex == e && state == State.ANSWERING) {
                        writeLocal(done);
                    }
                });
            });
        } catch (RejectedExecutionException busy) {
            respondError(503, "busy", Map.of("Retry-After", "1"), false);
        }
    }

    private void writeLocal(LocalResponse answer) {
        ByteBuf content = answer.body().length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(answer.body());
        respond(answer.status(), answer.contentType(), content, answer.headers(), false);
    }

    private void connect() {
        state = State.CONNECTING;
        services.pool().acquire(ctx.channel().eventLoop(), this);
    }

    @Override
    public void acquired(UpstreamConnection connection) {
        Exchange e = ex;
        if (state != State.CONNECTING || e == null) {
            services.pool().release(connection, true);
            return;
        }
        e.upstream = connection;
        e.upstreamStartNanos = System.nanoTime();
        connection.serve(this);
        Channel up = connection.channel();
        if (!e.retried) {
            e.policy.forwarding().rewrite(e.head, e.request, e.peerTrusted, peerText, scheme, e.websocket);
        }
        up.write(e.head, up.voidPromise());
        if (e.buffered != null) {
            ByteBuf body = e.buffered;
            e.buffered = null;
            up.write(new DefaultLastHttpContent(body), up.voidPromise());
            requestSent(e);
        } else if (e.retried) {
            up.write(LastHttpContent.EMPTY_LAST_CONTENT, up.voidPromise());
            requestSent(e);
        } else {
            state = State.STREAMING;
            drainInbox();
        }
        up.flush();
        flushUpstream = false;
    }

    @Override
    public void failed(Throwable cause) {
        Exchange e = ex;
        if (state != State.CONNECTING || e == null) {
            return;
        }
        services.metrics().upstreamFailure();
        if (cause instanceof PoolExhaustedException) {
            emit(e.request.event(services.eventFactory(), EventType.UPSTREAM_FAILURE, ThreatLevel.MEDIUM,
                    Map.of("reason", "upstream pool exhausted")));
            respondError(503, "upstream busy", Map.of("Retry-After", "1"), false);
        } else {
            emit(e.request.event(services.eventFactory(), EventType.UPSTREAM_FAILURE, ThreatLevel.MEDIUM,
                    Map.of("reason", "connect failed", "cause", describe(cause))));
            respondError(502, "upstream unavailable", Map.of(), false);
        }
    }

    private void onBufferedContent(HttpContent content) {
        Exchange e = ex;
        int n = content.content().readableBytes();
        e.requestBytes += n;
        if (e.requestBytes > e.bufferLimit) {
            content.release();
            rejectTooLarge(e.requestBytes, e.bufferLimit < e.request.route().maxBodyBytes()
                    ? "request body too large to inspect" : "request body too large");
            return;
        }
        if (n > 0) {
            e.buffered.addComponent(true, content.content().retain());
        }
        boolean last = content instanceof LastHttpContent;
        content.release();
        if (!last) {
            return;
        }
        e.requestConsumed = true;
        armClock(Clock.NONE, 0);
        RequestBody body = new RequestBody(e.head.headers().get(HttpHeaderNames.CONTENT_TYPE),
                ByteBufUtil.getBytes(e.buffered));
        if (e.local != null) {
            respondLocal(e, e.local, body);
            return;
        }
        Decision decision = e.policy.pipeline().onBody(e.request, body);
        if (decision instanceof Decision.Reject reject) {
            services.metrics().rejected();
            e.releaseBuffered();
            respondError(reject.status(), reject.reason(), reject.headers(), reject.closeConnection());
            return;
        }
        connect();
    }

    private void onStreamedContent(HttpContent content) {
        Exchange e = ex;
        e.requestBytes += content.content().readableBytes();
        if (e.requestBytes > e.request.route().maxBodyBytes()) {
            content.release();
            rejectTooLarge(e.requestBytes, "request body too large");
            return;
        }
        boolean last = content instanceof LastHttpContent;
        Channel up = e.upstream.channel();
        forward(up, content);
        if (last) {
            e.requestConsumed = true;
            up.flush();
            flushUpstream = false;
            requestSent(e);
        }
    }

    /** Writes to the upstream, flushing with the read batch, and pauses the client while the upstream lags. */
    private void forward(Channel up, Object msg) {
        up.write(msg, up.voidPromise());
        flushUpstream = true;
        if (!up.isWritable()) {
            // set before flushing: a flush that drains at once fires the writable event synchronously
            pausedForUpstream = true;
            flushUpstream = false;
            up.flush();
            updateAutoRead();
        }
    }

    private void requestSent(Exchange e) {
        e.requestComplete = true;
        armClock(Clock.NONE, 0);
        if (e.responseComplete) {
            endExchange();
            return;
        }
        state = State.AWAITING_RESPONSE;
        if (!e.responseStarted) {
            e.responseDeadline = System.nanoTime() + e.policy.responseTimeoutNanos();
            e.awaitingHead = true;
        }
    }

    private void onDiscardedContent(HttpContent content) {
        discarded += content.content().readableBytes();
        boolean last = content instanceof LastHttpContent;
        content.release();
        if (discarded > DISCARD_LIMIT) {
            closeNow();
            return;
        }
        if (last) {
            ex.requestConsumed = true;
            endExchange();
        }
    }

    private void relayToUpstream(Object msg) {
        Exchange e = ex;
        if (!(msg instanceof ByteBuf) || e == null || e.upstream == null) {
            ReferenceCountUtil.release(msg);
            return;
        }
        forward(e.upstream.channel(), msg);
    }

    // ---- upstream → client ------------------------------------------------------------------

    @Override
    public void onUpstreamMessage(UpstreamConnection connection, Object message) {
        Exchange e = ex;
        if (e == null || connection != e.upstream) {
            ReferenceCountUtil.release(message);
            return;
        }
        if (state == State.UPGRADED) {
            if (message instanceof ByteBuf) {
                ctx.write(message, ctx.voidPromise());
            } else {
                ReferenceCountUtil.release(message);
            }
            return;
        }
        if (message instanceof HttpResponse response) {
            onResponseHead(e, response);
            if (!(message instanceof HttpContent)) {
                return;
            }
        }
        if (message instanceof HttpContent content) {
            onResponseContent(e, content);
        } else if (!(message instanceof HttpResponse)) {
            ReferenceCountUtil.release(message);
        }
    }

    private void onResponseHead(Exchange e, HttpResponse response) {
        if (response.decoderResult().isFailure()) {
            upstreamBroken(e, "malformed upstream response");
            return;
        }
        int code = response.status().code();
        e.lastUpstreamActivity = System.nanoTime();
        if (code == 101) {
            if (e.websocket && !e.responseStarted && e.requestComplete) {
                startUpgrade(e, response);
            } else {
                upstreamBroken(e, "unexpected protocol switch");
            }
            return;
        }
        if (code < 200) {
            HopByHop.strip(response.headers(), false);
            // sent whole: a bare head would leave the client's encoder waiting for its (empty) body
            ctx.writeAndFlush(new DefaultFullHttpResponse(response.protocolVersion(), response.status(),
                    Unpooled.EMPTY_BUFFER, response.headers(), EmptyHttpHeaders.INSTANCE), ctx.voidPromise());
            return;
        }
        e.responseStarted = true;
        e.awaitingHead = false;
        e.status = code;
        e.upstreamNanos = System.nanoTime() - e.upstreamStartNanos;
        e.upstreamKeepAlive = HttpUtil.isKeepAlive(response);
        boolean keepAlive = e.clientKeepAlive && e.requestComplete && !services.lifecycle().draining();
        e.closeClient = ResponseHeads.prepare(response, e.method, e.clientVersion, keepAlive);
        e.policy.pipeline().onResponse(e.request, code, new NettyHeaders(response.headers()));
        if (e.websocket) {
            pausedForUpgrade = false;
            updateAutoRead();
        }
        ctx.write(response, ctx.voidPromise());
    }

    private void onResponseContent(Exchange e, HttpContent content) {
        if (!e.responseStarted) {
            // the empty end of a 1xx response, or debris after a failure
            content.release();
            return;
        }
        e.responseBytes += content.content().readableBytes();
        e.lastUpstreamActivity = System.nanoTime();
        boolean last = content instanceof LastHttpContent;
        ctx.write(content, ctx.voidPromise());
        if (last) {
            e.responseComplete = true;
            if (!e.requestComplete) {
                // the upstream answered before the body ended: the rest of it cannot be framed any more
                e.closeClient = true;
            }
            endExchange();
        }
    }

    private void startUpgrade(Exchange e, HttpResponse response) {
        e.responseStarted = true;
        e.awaitingHead = false;
        e.upgraded = true;
        e.status = 101;
        HopByHop.strip(response.headers(), true);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        e.policy.pipeline().onResponse(e.request, 101, new NettyHeaders(response.headers()));
        // the write encodes at once, so the codec can leave right after
        ctx.write(response, ctx.voidPromise());
        state = State.UPGRADED;
        armClock(Clock.NONE, 0);
        // frames pass the WebSocket guard from here on; installed first, it also gets what the codecs still hold
        e.policy.webSockets().install(ctx, e.upstream.channel(), e.request);
        ctx.pipeline().remove(HttpServerCodec.class);
        e.upstream.channel().pipeline().remove(UpstreamConnector.CODEC);
        ctx.flush();
        pausedForUpgrade = false;
        updateAutoRead();
    }

    @Override
    public void onUpstreamReadComplete(UpstreamConnection connection) {
        if (state == State.CLOSED) {
            return;
        }
        ctx.flush();
        if (!ctx.channel().isWritable() && ex != null && ex.upstream == connection) {
            upstreamReadPaused = true;
            connection.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && upstreamReadPaused) {
            upstreamReadPaused = false;
            Exchange e = ex;
            if (e != null && e.upstream != null) {
                // the upstream was silent because we stopped reading it: its idle clock starts again
                e.lastUpstreamActivity = System.nanoTime();
                e.upstream.channel().config().setAutoRead(true);
            }
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void onUpstreamWritable(UpstreamConnection connection) {
        if (pausedForUpstream) {
            pausedForUpstream = false;
            updateAutoRead();
        }
    }

    @Override
    public void onUpstreamClosed(UpstreamConnection connection, Throwable cause) {
        Exchange e = ex;
        if (e == null || connection != e.upstream) {
            return;
        }
        e.upstream = null;
        if (state == State.UPGRADED) {
            closeNow();
            return;
        }
        if (!e.responseStarted) {
            if (e.requestComplete && !e.retried && connection.reused() && !e.request.hasBody()) {
                // a keep-alive connection the upstream had just closed: one fresh attempt is safe
                e.retried = true;
                e.awaitingHead = false;
                connect();
                return;
            }
            upstreamBroken(e, cause == null ? "upstream closed the connection" : describe(cause));
            return;
        }
        services.metrics().upstreamFailure();
        emit(e.request.event(services.eventFactory(), EventType.UPSTREAM_FAILURE, ThreatLevel.LOW,
                Map.of("reason", "upstream closed mid-response")));
        closeNow();
    }

    /** The upstream failed before a response started: the client gets 502. */
    private void upstreamBroken(Exchange e, String reason) {
        services.metrics().upstreamFailure();
        emit(e.request.event(services.eventFactory(), EventType.UPSTREAM_FAILURE, ThreatLevel.MEDIUM,
                Map.of("reason", reason)));
        dropUpstream(e);
        if (e.responseStarted) {
            closeNow();
            return;
        }
        respondError(502, "bad gateway", Map.of(), false);
    }

    private void dropUpstream(Exchange e) {
        UpstreamConnection upstream = e.upstream;
        if (upstream != null) {
            e.upstream = null;
            services.pool().release(upstream, false);
        }
    }

    // ---- deadlines ----------------------------------------------------------------------------

    private void armClock(Clock which, long timeoutNanos) {
        clock = which;
        if (which != Clock.NONE) {
            clientDeadline = System.nanoTime() + timeoutNanos;
        }
    }

    private void tick() {
        if (state == State.CLOSED) {
            return;
        }
        long now = System.nanoTime();
        if (clock != Clock.NONE && now - clientDeadline >= 0) {
            onClientTimeout(clock);
            return;
        }
        Exchange e = ex;
        if (e == null || e.upstream == null) {
            return;
        }
        if (e.awaitingHead && now - e.responseDeadline >= 0) {
            services.metrics().upstreamFailure();
            emit(e.request.event(services.eventFactory(), EventType.UPSTREAM_FAILURE, ThreatLevel.MEDIUM,
                    Map.of("reason", "upstream response timeout")));
            dropUpstream(e);
            respondError(504, "upstream timed out", Map.of(), false);
        } else if (e.responseStarted && !e.responseComplete && state != State.UPGRADED && !upstreamReadPaused
                && now - e.lastUpstreamActivity >= e.policy.streamIdleTimeoutNanos()) {
            emit(e.request.event(services.eventFactory(), EventType.UPSTREAM_FAILURE, ThreatLevel.LOW,
                    Map.of("reason", "upstream stream idle")));
            closeNow();
        }
    }

    private void onClientTimeout(Clock which) {
        clock = Clock.NONE;
        switch (which) {
            case IDLE -> closeNow();
            case HEAD -> {
                emit(services.eventFactory().create(EventType.PROTOCOL_VIOLATION, ThreatLevel.LOW, peerText, null,
                        null, Map.of("reason", "request head not completed in time")));
                services.metrics().protocolError();
                closeNow();
            }
            case BODY -> {
                Exchange e = ex;
                if (e == null) {
                    closeNow();
                    return;
                }
                emit(e.request.event(services.eventFactory(), EventType.PROTOCOL_VIOLATION, ThreatLevel.LOW,
                        Map.of("reason", "request body not completed in time", "bytes", e.requestBytes)));
                services.metrics().protocolError();
                dropUpstream(e);
                if (e.responseStarted) {
                    closeNow();
                } else {
                    respondError(408, "request body timeout", Map.of(), true);
                }
            }
            default -> {
            }
        }
    }

    // ---- answers and endings ------------------------------------------------------------------

    private void rejectMalformed(HttpRequest head, DataPlanePolicy policy, RequestFraming.Violation violation,
                                 long now) {
        services.metrics().protocolError();
        String method = head.decoderResult().isFailure() ? "-" : head.method().name();
        RequestContext request = RequestContext.builder()
                .requestId(RequestIds.newId())
                .client(peerAddress)
                .method(method)
                .target("/")
                .headers(new NettyHeaders(EmptyHttpHeaders.INSTANCE))
                .route(policy.routes().find("GET", "/"))
                .build();
        Exchange e = new Exchange(request, head, policy, RequestHeads.loggedTarget(head), now, false, false, false);
        ex = e;
        services.lifecycle().exchangeStarted();
        emit(request.event(services.eventFactory(), violation.type(), ThreatLevel.MEDIUM,
                Map.of("reason", violation.reason(), "detail", violation.detail())));
        respondError(violation.status(), violation.reason(), Map.of(), true);
    }

    /**
     * The body broke its framing (a bad chunk size) part-way: the upstream must never see it end,
     * so its connection is dropped mid-request, and the client is answered and closed.
     */
    private void malformedBody(Throwable cause) {
        Exchange e = ex;
        services.metrics().protocolError();
        emit(e.request.event(services.eventFactory(), EventType.PROTOCOL_VIOLATION, ThreatLevel.MEDIUM,
                Map.of("reason", "malformed request body", "detail", describe(cause))));
        dropUpstream(e);
        e.releaseBuffered();
        if (e.responseStarted) {
            closeNow();
            return;
        }
        e.requestConsumed = true;
        respondError(400, "malformed request body", Map.of(), true);
    }

    private void rejectTooLarge(long bytes, String reason) {
        Exchange e = ex;
        services.metrics().rejected();
        Decision.Reject reject = BodySizeCheck.tooLarge(e.request, services.eventFactory(), bytes);
        emit(reject.events());
        dropUpstream(e);
        e.releaseBuffered();
        if (e.responseStarted) {
            closeNow();
            return;
        }
        respondError(413, reason, Map.of(), true);
    }

    /**
     * Answers the current exchange with the contract's JSON error. The connection stays open only
     * when the rest of the request can still be read safely: it was read already, or it is a
     * small remainder to discard.
     */
    private void respondError(int status, String reason, Map<String, String> headers, boolean close) {
        ex.answeredReason = reason;
        // a refusal, not a verdict: the upstream never saw the request (login counting skips it)
        ex.request.markAnsweredLocally();
        ByteBuf body = ErrorBodies.json(ctx.alloc(), status, reason, ex.request.requestId());
        respond(status, HttpHeaderValues.APPLICATION_JSON, body, headers, close);
    }

    /** Writes Warden's own answer: an error, or a local responder's (contentType null for no body). */
    private void respond(int status, CharSequence contentType, ByteBuf body, Map<String, String> headers,
                         boolean close) {
        Exchange e = ex;
        boolean expectContinue = HttpUtil.is100ContinueExpected(e.head);
        boolean remainder = !e.requestConsumed && e.request.hasBody();
        if (remainder && (expectContinue || e.request.chunked() || e.request.contentLength() > DISCARD_LIMIT)) {
            close = true;
        }
        close = close || !e.clientKeepAlive || services.lifecycle().draining();
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(status), body);
        HttpHeaders h = response.headers();
        if (contentType != null) {
            h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        if (status != 204) {
            h.setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        }
        h.set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        headers.forEach(h::set);
        if (close) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        e.policy.pipeline().onResponse(e.request, status, new NettyHeaders(h));
        e.status = status;
        e.responseBytes = body.readableBytes();
        e.responseStarted = true;
        e.responseComplete = true;
        e.awaitingHead = false;
        e.closeClient = close;
        if (e.websocket) {
            pausedForUpgrade = false;
        }
        ctx.write(response, ctx.voidPromise());
        if (close || e.requestConsumed) {
            endExchange();
            return;
        }
        discarded = 0;
        state = State.DISCARDING;
        ctx.flush();
        drainInbox();
        updateAutoRead();
    }

    /** Both halves are done (or the connection is): give the upstream back, log, and go on or close. */
    private void endExchange() {
        Exchange e = ex;
        if (e.upstream != null) {
            UpstreamConnection upstream = e.upstream;
            e.upstream = null;
            boolean reusable = e.upstreamKeepAlive && e.requestComplete && e.responseComplete && !e.upgraded;
            services.pool().release(upstream, reusable);
        }
        if (upstreamReadPaused) {
            upstreamReadPaused = false;
        }
        finishAccounting(e);
        ex = null;
        boolean close = e.closeClient || !e.clientKeepAlive || services.lifecycle().draining();
        if (close || state == State.CLOSED) {
            state = State.CLOSED;
            inbox.release();
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.flush();
        state = State.IDLE;
        pausedForUpgrade = false;
        pausedForUpstream = false;
        armClock(Clock.IDLE, e.policy.idleTimeoutNanos());
        drainInbox();
        updateAutoRead();
    }

    private void finishAccounting(Exchange e) {
        e.releaseBuffered();
        e.request.end();
        services.lifecycle().exchangeEnded();
        int status = e.responseStarted ? e.status : 499;
        services.accessLog().record(e.request.client().text(), e.request.method(), e.target,
                e.clientVersion.text(), status, e.responseBytes, System.nanoTime() - e.startNanos,
                e.request.requestId());
        services.metrics().exchangeEnded(status, e.answeredReason, e.decisionNanos, e.upstreamNanos);
    }

    private void closeNow() {
        state = State.CLOSED;
        inbox.release();
        Exchange e = ex;
        if (e != null) {
            dropUpstream(e);
        }
        ctx.close();
    }

    private void emit(SecurityEvent event) {
        services.events().emit(event);
    }

    private void emit(List<SecurityEvent> events) {
        for (SecurityEvent event : events) {
            services.events().emit(event);
        }
    }

    // ---- small helpers ------------------------------------------------------------------------

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        String text = cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return text.length() > 200 ? text.substring(0, 200) : text;
    }
}
