package io.warden.core.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;

/** Turns an upstream response head into the one the client gets: framing and connection handling. */
final class ResponseHeads {

    private ResponseHeads() {
    }

    /**
     * Strips hop-by-hop headers and fixes framing for the client. A response with neither length
     * nor chunking is read until the upstream closes; an HTTP/1.1 client gets it chunked instead,
     * so its connection can stay open, an HTTP/1.0 client gets it close-delimited.
     *
     * @return whether the client connection must close after this response
     */
    static boolean prepare(HttpResponse response, HttpMethod method, HttpVersion clientVersion, boolean keepAlive) {
        HttpHeaders h = response.headers();
        int code = response.status().code();
        boolean bodyless = HttpMethod.HEAD.equals(method) || code == 204 || code == 304 || code < 200;
        boolean chunked = h.contains(HttpHeaderNames.TRANSFER_ENCODING);
        boolean lengthKnown = h.contains(HttpHeaderNames.CONTENT_LENGTH);
        HopByHop.strip(h, false);
        boolean close = !keepAlive;
        if (!bodyless && !lengthKnown) {
            if (clientVersion.minorVersion() >= 1) {
                h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            } else {
                close = true;
            }
        } else if (bodyless && chunked && HttpMethod.HEAD.equals(method)) {
            h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        response.setProtocolVersion(HttpVersion.HTTP_1_1);
        if (close) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (clientVersion.minorVersion() == 0) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        return close;
    }
}
