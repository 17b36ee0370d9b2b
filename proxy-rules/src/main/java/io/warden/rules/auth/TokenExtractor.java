package io.warden.rules.auth;

import io.warden.rules.pipeline.HeaderView;
import io.warden.rules.pipeline.RequestContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the token of a request from the sources of its route. A token in the header, the
 * subprotocol or the query must be the only one of those (RFC 6750 §2: one method per request);
 * the cookie counts only when none of them carries a token, since browsers send cookies unasked.
 */
public final class TokenExtractor {

    private static final String BEARER = "bearer ";
    private static final Extraction MISSING = new Extraction.Missing();

    private TokenExtractor() {
    }

    public static Extraction extract(RequestContext request, TokenSources sources) {
        HeaderView headers = request.headers();
        List<Extraction.Found> found = new ArrayList<>(1);

        List<String> values = headers.getAll(sources.header());
        if (values.size() > 1) {
            return new Extraction.Ambiguous(values.size() + " " + sources.header() + " headers");
        }
        if (values.size() == 1) {
            String token = fromHeader(values.get(0), sources.header());
            if (token != null) {
                found.add(new Extraction.Found(TokenSource.HEADER, token));
            }
        }
        if (sources.webSocket() && isWebSocketHandshake(request)) {
            SubprotocolToken protocol = SubprotocolToken.find(headers);
            if (protocol.problem() != null) {
                return new Extraction.Ambiguous(protocol.problem());
            }
            if (protocol.token() != null) {
                found.add(new Extraction.Found(TokenSource.WEBSOCKET_PROTOCOL, protocol.token()));
            }
            List<String> query;
            try {
                query = QueryParameters.values(request.query(), TokenSources.QUERY_PARAMETER);
            } catch (IllegalArgumentException e) {
                return new Extraction.Ambiguous("malformed escape in the query");
            }
            if (query.size() > 1) {
                return new Extraction.Ambiguous(query.size() + " token query parameters");
            }
            if (query.size() == 1) {
                found.add(new Extraction.Found(TokenSource.QUERY, query.get(0)));
            }
        }
        if (found.size() > 1) {
            return new Extraction.Ambiguous("tokens in both " + found.get(0).source().wireName()
                    + " and " + found.get(1).source().wireName());
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        if (sources.cookie() != null) {
            return fromCookies(headers, sources.cookie());
        }
        return MISSING;
    }

    /** A GET asking to upgrade to WebSocket (RFC 6455 §4.1). */
    public static boolean isWebSocketHandshake(RequestContext request) {
        if (!"GET".equals(request.method())) {
            return false;
        }
        for (String upgrade : request.headers().getAll("Upgrade")) {
            for (String protocol : upgrade.split(",")) {
                if (protocol.trim().equalsIgnoreCase("websocket")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The token of one header value; null when the value is for another scheme (e.g. Basic). */
    private static String fromHeader(String value, String header) {
        String v = value.trim();
        boolean bearer = v.regionMatches(true, 0, BEARER, 0, BEARER.length());
        if (header.equalsIgnoreCase(TokenSources.AUTHORIZATION)) {
            return bearer ? v.substring(BEARER.length()).trim() : null;
        }
        String token = bearer ? v.substring(BEARER.length()).trim() : v;
        return token.isEmpty() ? null : token;
    }

    private static Extraction fromCookies(HeaderView headers, String name) {
        String token = null;
        for (String header : headers.getAll("Cookie")) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq < 0 || !pair.substring(0, eq).trim().equals(name)) {
                    continue;
                }
                if (token != null) {
                    return new Extraction.Ambiguous("cookie " + name + " sent twice");
                }
                token = unquote(pair.substring(eq + 1).trim());
            }
        }
        return token == null || token.isEmpty() ? MISSING : new Extraction.Found(TokenSource.COOKIE, token);
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"' ? v.substring(1, v.length() - 1) : v;
    }

    /**
     * The token of a {@code Sec-WebSocket-Protocol} offer in the {@code bearer, <token>}
     * convention, and the other offered protocols, which go on to the backend.
     */
    record SubprotocolToken(String token, List<String> others, String problem) {

        static SubprotocolToken find(HeaderView headers) {
            List<String> offered = new ArrayList<>();
            for (String header : headers.getAll("Sec-WebSocket-Protocol")) {
                for (String protocol : header.split(",")) {
                    String p = protocol.trim();
                    if (!p.isEmpty()) {
                        offered.add(p);
                    }
                }
            }
            String token = null;
            List<String> others = new ArrayList<>(offered.size());
            for (int i = 0; i < offered.size(); i++) {
                if (!offered.get(i).toLowerCase(Locale.ROOT).equals(TokenSources.PROTOCOL_MARKER)) {
                    others.add(offered.get(i));
                    continue;
                }
                if (token != null) {
                    return new SubprotocolToken(null, List.of(), "two bearer subprotocol markers");
                }
                if (i + 1 >= offered.size()) {
                    return new SubprotocolToken(null, List.of(), "bearer subprotocol marker without a token");
                }
                token = offered.get(++i);
            }
            return new SubprotocolToken(token, others, null);
        }
    }
}
