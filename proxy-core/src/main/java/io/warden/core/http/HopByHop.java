package io.warden.core.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Headers that describe one connection, not the message, and so must not cross the proxy
 * (RFC 9110 7.6.1): {@code Connection} and every header it names, plus the fixed list.
 */
final class HopByHop {

    private static final List<AsciiString> FIXED = List.of(
            HttpHeaderNames.CONNECTION, AsciiString.cached("keep-alive"), HttpHeaderNames.TE, HttpHeaderNames.TRAILER,
            HttpHeaderNames.TRANSFER_ENCODING, AsciiString.cached("proxy-connection"),
            AsciiString.cached("http2-settings"));

    private HopByHop() {
    }

    /**
     * Whether the {@code Connection} header names a header that frames the message. Removing one
     * of those on the way through would make the upstream read the body differently from us,
     * which is how request smuggling starts, so such a request is refused instead.
     */
    static boolean namesFramingHeader(HttpHeaders headers) {
        for (String token : connectionTokens(headers)) {
            if (token.equals("content-length") || token.equals("transfer-encoding") || token.equals("host")) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code Connection} lists {@code token} (case-insensitive). */
    static boolean connectionHas(HttpHeaders headers, String token) {
        for (String t : connectionTokens(headers)) {
            if (t.equals(token)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Removes every hop-by-hop header: those {@code Connection} names, the fixed list, any
     * {@code Proxy-*}, and {@code Upgrade} unless {@code keepUpgrade}.
     */
    static void strip(HttpHeaders headers, boolean keepUpgrade) {
        if (headers.contains(HttpHeaderNames.CONNECTION)) {
            for (String token : connectionTokens(headers)) {
                if (token.equals("upgrade") && keepUpgrade || isFraming(token)) {
                    continue;
                }
                headers.remove(token);
            }
        }
        for (int i = 0; i < FIXED.size(); i++) {
            headers.remove(FIXED.get(i));
        }
        if (!keepUpgrade) {
            headers.remove(HttpHeaderNames.UPGRADE);
        }
        removeProxyHeaders(headers);
    }

    private static boolean isFraming(String token) {
        return token.equals("content-length") || token.equals("host");
    }

    private static void removeProxyHeaders(HttpHeaders headers) {
        List<String> names = null;
        Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence();
        while (it.hasNext()) {
            CharSequence name = it.next().getKey();
            if (name.length() > 6 && AsciiString.regionMatches(name, true, 0, "proxy-", 0, 6)) {
                if (names == null) {
                    names = new ArrayList<>(2);
                }
                names.add(name.toString());
            }
        }
        if (names != null) {
            names.forEach(headers::remove);
        }
    }

    private static List<String> connectionTokens(HttpHeaders headers) {
        List<String> values = headers.getAll(HttpHeaderNames.CONNECTION);
        if (values.isEmpty()) {
            return List.of();
        }
        List<String> tokens = new ArrayList<>(2);
        for (String value : values) {
            int start = 0;
            while (start <= value.length()) {
                int comma = value.indexOf(',', start);
                int end = comma < 0 ? value.length() : comma;
                String token = value.substring(start, end).trim();
                if (!token.isEmpty()) {
                    tokens.add(token.toLowerCase(Locale.ROOT));
                }
                if (comma < 0) {
                    break;
                }
                start = comma + 1;
            }
        }
        return tokens;
    }
}
