package io.warden.core.http;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.warden.rules.events.EventType;

/**
 * Decides whether a decoded request head is framed unambiguously enough to forward. Netty's
 * decoder already rejects Content-Length with Transfer-Encoding, differing Content-Lengths and
 * bad chunk sizes; this adds what a proxy needs on top: only the {@code chunked} coding, exactly
 * one valid {@code Host}, and request targets the upstream will read the same way.
 */
final class RequestFraming {

    /**
     * Why a head cannot be forwarded: the status, a short reason for the client, a detail for the
     * event, and the event's type.
     */
    record Violation(int status, String reason, String detail, EventType type) {
        Violation(int status, String reason, String detail) {
            this(status, reason, detail, EventType.PROTOCOL_VIOLATION);
        }
    }

    private RequestFraming() {
    }

    static Violation check(HttpRequest request) {
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            return decodeFailure(result.cause());
        }
        HttpVersion version = request.protocolVersion();
        if (version.majorVersion() != 1 || version.minorVersion() > 1) {
            return new Violation(400, "unsupported HTTP version", "version " + version.text());
        }
        HttpMethod method = request.method();
        if (HttpMethod.CONNECT.equals(method) || HttpMethod.TRACE.equals(method)) {
            return new Violation(405, "method not allowed", "method " + method.name());
        }
        HttpHeaders headers = request.headers();
        if (headers.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            var codings = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
            if (codings.size() != 1 || !"chunked".equalsIgnoreCase(codings.get(0).trim())) {
                return new Violation(400, "unsupported transfer coding", "transfer-encoding other than chunked");
            }
        }
        var expectations = headers.getAll(HttpHeaderNames.EXPECT);
        if (!expectations.isEmpty() && (expectations.size() > 1
                || !"100-continue".equalsIgnoreCase(expectations.get(0).trim()))) {
            // servers differ on an expectation they do not know: some answer 417 and then read the
            // body as the next request, so it is refused here and never reaches the upstream
            return new Violation(417, "unsupported expectation", "Expect other than 100-continue");
        }
        var hosts = headers.getAll(HttpHeaderNames.HOST);
        if (hosts.size() > 1) {
            return new Violation(400, "invalid Host header", "more than one Host header");
        }
        if (hosts.isEmpty() && version.minorVersion() == 1) {
            return new Violation(400, "invalid Host header", "HTTP/1.1 request without Host");
        }
        if (!hosts.isEmpty() && !isValidHost(hosts.get(0))) {
            return new Violation(400, "invalid Host header", "malformed Host value");
        }
        String uri = request.uri();
        if (uri.isEmpty()) {
            return new Violation(400, "invalid request target", "empty request target");
        }
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '#') {
                return new Violation(400, "invalid request target", "control, non-ASCII or '#' in request target");
            }
        }
        char first = uri.charAt(0);
        if (first == '/') {
            return null;
        }
        if ("*".equals(uri) && HttpMethod.OPTIONS.equals(method)) {
            return null;
        }
        if (absoluteFormPath(uri) != null) {
            String authority = absoluteFormAuthority(uri);
            if (hosts.isEmpty() || !authority.equalsIgnoreCase(hosts.get(0).trim())) {
                return new Violation(400, "invalid request target", "absolute-form authority differs from Host");
            }
            return null;
        }
        return new Violation(400, "invalid request target", "request target is not origin or absolute form");
    }

    /**
     * The origin-form of an absolute-form target ({@code http://host/p?q} becomes {@code /p?q}),
     * or null when the target is not absolute-form.
     */
    static String absoluteFormPath(String uri) {
        int schemeEnd;
        if (uri.regionMatches(true, 0, "http://", 0, 7)) {
            schemeEnd = 7;
        } else if (uri.regionMatches(true, 0, "https://", 0, 8)) {
            schemeEnd = 8;
        } else {
            return null;
        }
        int pathStart = indexOfAny(uri, schemeEnd);
        if (pathStart < 0) {
            return "/";
        }
        return uri.charAt(pathStart) == '/' ? uri.substring(pathStart) : "/" + uri.substring(pathStart);
    }

    private static String absoluteFormAuthority(String uri) {
        int schemeEnd = uri.indexOf("://") + 3;
        int end = indexOfAny(uri, schemeEnd);
        return uri.substring(schemeEnd, end < 0 ? uri.length() : end);
    }

    private static int indexOfAny(String uri, int from) {
        for (int i = from; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return i;
            }
        }
        return -1;
    }

    /** {@code host[:port]} with a registered name, IPv4 or bracketed IPv6; no userinfo, no path. */
    static boolean isValidHost(String value) {
        String host = value.trim();
        if (host.isEmpty() || host.length() > 255) {
            return false;
        }
        int portStart;
        if (host.charAt(0) == '[') {
            int close = host.indexOf(']');
            if (close < 0) {
                return false;
            }
            for (int i = 1; i < close; i++) {
                char c = host.charAt(i);
                if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                    return false;
                }
            }
            portStart = close + 1;
            if (portStart < host.length() && host.charAt(portStart) != ':') {
                return false;
            }
        } else {
            int colon = host.indexOf(':');
            portStart = colon < 0 ? host.length() : colon;
            if (portStart == 0) {
                return false;
            }
            for (int i = 0; i < portStart; i++) {
                char c = host.charAt(i);
                boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                        || c == '-' || c == '.' || c == '_';
                if (!ok) {
                    return false;
                }
            }
        }
        if (portStart < host.length()) {
            String port = host.substring(portStart + 1);
            if (port.isEmpty() || port.length() > 5) {
                return false;
            }
            for (int i = 0; i < port.length(); i++) {
                if (port.charAt(i) < '0' || port.charAt(i) > '9') {
                    return false;
                }
            }
            return Integer.parseInt(port) <= 65535;
        }
        return true;
    }

    private static Violation decodeFailure(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return new Violation(414, "request line too long", "request line over the limit");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return new Violation(431, "request headers too large", "request headers over the limit");
        }
        if (cause instanceof IllegalArgumentException && String.valueOf(cause.getMessage())
                .startsWith("Validation failed for header")) {
            // Netty's header validation: a control character (CR, NUL, ...) in a value, i.e. header injection
            return new Violation(400, "invalid header value", cause.getMessage(), EventType.SUSPICIOUS_HEADER);
        }
        String detail = cause == null ? "undecodable request"
                : cause.getClass().getSimpleName() + ": " + String.valueOf(cause.getMessage());
        return new Violation(400, "malformed request", detail.length() > 200 ? detail.substring(0, 200) : detail);
    }
}
