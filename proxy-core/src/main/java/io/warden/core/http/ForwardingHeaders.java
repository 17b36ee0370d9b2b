package io.warden.core.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import io.warden.rules.auth.IdentityHeaders;
import io.warden.rules.pipeline.RequestContext;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Rewrites a client's request head into the one the upstream receives. Forwarding headers are
 * Warden's to set: from an untrusted peer every client-supplied copy is dropped and replaced, so
 * neither the upstream nor Warden's own limits can be fooled about the client address.
 */
public final class ForwardingHeaders {

    static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    static final AsciiString X_FORWARDED_HOST = AsciiString.cached("x-forwarded-host");
    static final AsciiString X_FORWARDED_PORT = AsciiString.cached("x-forwarded-port");
    static final AsciiString X_REAL_IP = AsciiString.cached("x-real-ip");
    static final AsciiString FORWARDED = AsciiString.cached("forwarded");
    static final AsciiString X_REQUEST_ID = AsciiString.cached("x-request-id");

    private void stripIdentityHeaders(HttpHeaders h) {
        List<String> found = null;
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = h.iteratorCharSequence(); it.hasNext(); ) {
            CharSequence name = it.next().getKey();
            if (identityHeaders.matches(name)) {
                if (found == null) {
                    found = new ArrayList<>(2);
                }
                found.add(name.toString());
            }
        }
        if (found != null) {
            found.forEach(h::remove);
        }
    }

    /** Headers some backends read as the client address; only a trusted proxy may send them. */
    private static final List<AsciiString> CLIENT_ADDRESS_HEADERS = List.of(
            X_FORWARDED_FOR, X_FORWARDED_PROTO, X_FORWARDED_HOST, X_FORWARDED_PORT, X_REAL_IP, FORWARDED,
            AsciiString.cached("x-client-ip"), AsciiString.cached("true-client-ip"),
            AsciiString.cached("x-originating-ip"), AsciiString.cached("x-remote-ip"),
            AsciiString.cached("x-remote-addr"), AsciiString.cached("x-cluster-client-ip"),
            AsciiString.cached("cf-connecting-ip"), AsciiString.cached("fastly-client-ip"));

    private final String upstreamAuthority;
    private final boolean preserveHost;
    private final IdentityHeaders identityHeaders;

    ForwardingHeaders(String upstreamAuthority, boolean preserveHost, IdentityHeaders identityHeaders) {
        this.upstreamAuthority = upstreamAuthority;
        this.preserveHost = preserveHost;
        this.identityHeaders = identityHeaders;
    }

    /**
     * @param peerTrusted whether the TCP peer is a trusted proxy
     * @param peerAddress the TCP peer's canonical address
     * @param scheme how the client reached this hop: http or https
     * @param websocket whether this is a WebSocket handshake (its Upgrade survives)
     */
    void rewrite(HttpRequest request, RequestContext ctx, boolean peerTrusted, String peerAddress,
                 String scheme, boolean websocket) {
        HttpHeaders h = request.headers();
        boolean chunked = ctx.chunked();
        HopByHop.strip(h, websocket);
        if (websocket) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        }
        if (chunked) {
            h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        request.setProtocolVersion(HttpVersion.HTTP_1_1);

        String host = h.get(HttpHeaderNames.HOST);
        if (peerTrusted) {
            String chain = String.join(", ", h.getAll(X_FORWARDED_FOR));
            h.set(X_FORWARDED_FOR, chain.isEmpty() ? peerAddress : chain + ", " + peerAddress);
            if (!h.contains(X_FORWARDED_PROTO)) {
                h.set(X_FORWARDED_PROTO, scheme);
            }
            if (!h.contains(X_FORWARDED_HOST) && host != null) {
                h.set(X_FORWARDED_HOST, host);
            }
        } else {
            for (int i = 0; i < CLIENT_ADDRESS_HEADERS.size(); i++) {
                h.remove(CLIENT_ADDRESS_HEADERS.get(i));
            }
            h.set(X_FORWARDED_FOR, ctx.client().text());
            h.set(X_FORWARDED_PROTO, scheme);
            if (host != null) {
                h.set(X_FORWARDED_HOST, host);
            }
        }
        h.set(X_REAL_IP, ctx.client().text());
        h.set(X_REQUEST_ID, ctx.requestId());
        if (host == null || !preserveHost) {
            h.set(HttpHeaderNames.HOST, upstreamAuthority);
        }
        // identity is Warden's to assert: any copy a client sent is dropped before the verified one goes on
        stripIdentityHeaders(h);
        for (String name : ctx.removedUpstreamHeaders()) {
            h.remove(name);
        }
        for (Map.Entry<String, String> extra : ctx.upstreamHeaders().entrySet()) {
            h.set(extra.getKey(), extra.getValue());
        }
        request.setUri(ctx.upstreamTarget());
    }
}
