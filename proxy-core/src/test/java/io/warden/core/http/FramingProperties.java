package io.warden.core.http;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks on a decoded request head take any head Netty can hand them: they never throw,
 * and what they let through is framed one way only. Stripping hop-by-hop headers leaves none of
 * those the {@code Connection} header names, whatever it names.
 */
class FramingProperties {

    private static final List<String> NAMES = List.of("Host", "Content-Length", "Transfer-Encoding", "Connection",
            "Upgrade", "Expect", "Keep-Alive", "TE", "Trailer", "Proxy-Authorization", "X-A", "x-b", "HTTP2-Settings");

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(Arbitraries.of("chunked", "Chunked", "chunked, identity", "identity", "", " ", "5",
                        "-1", "+5", "0x10", "x", "x:80", "[::1]:8080", "[::1", "a b", "x@y", "x:99999", "close",
                        "keep-alive, X-A", "Content-Length", "upgrade", "h2c", "websocket", "100-continue", "200-ok",
                        "X-A, x-b, TE, Trailer"),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40));
    }

    @Provide
    Arbitrary<DefaultHttpRequest> heads() {
        Arbitrary<Map.Entry<String, String>> header = Combinators.combine(Arbitraries.of(NAMES), values())
                .as(Map::entry);
        Arbitrary<String> uris = Arbitraries.oneOf(Arbitraries.of("/", "*", "/a?b", "http://x/a", "https://x:443",
                "http://evil/a", "//x", "a", "/a#b", "/\u00e9"), Arbitraries.strings().ofMaxLength(30));
        Arbitrary<HttpMethod> methods = Arbitraries.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.CONNECT,
                HttpMethod.TRACE, HttpMethod.OPTIONS, HttpMethod.valueOf("XYZ"));
        Arbitrary<HttpVersion> versions = Arbitraries.of(HttpVersion.HTTP_1_0, HttpVersion.HTTP_1_1,
                new HttpVersion("HTTP", 2, 0, true));
        return Combinators.combine(methods, versions, uris.filter(FramingProperties::decodable), header.list().ofMaxSize(8))
                .as((method, version, uri, headers) -> {
                    HttpHeaders h = new DefaultHttpHeaders(false);
                    headers.forEach(e -> h.add(e.getKey(), e.getValue()));
                    return new DefaultHttpRequest(version, method, uri, h);
                });
    }

    /** Netty's decoder never yields a target with whitespace or control characters: neither do we. */
    private static boolean decodable(String uri) {
        return !uri.isEmpty() && uri.chars().noneMatch(c -> c <= ' ' || c == 0x7f);
    }

    @Property(tries = 3000)
    void whatPassesIsFramedOneWayOnly(@ForAll("heads") DefaultHttpRequest head) {
        RequestFraming.Violation violation = RequestFraming.check(head);
        if (violation != null) {
            assertThat(violation.status()).isBetween(400, 499);
            return;
        }
        HttpHeaders h = head.headers();
        assertThat(h.getAll("Host")).as("exactly one valid Host on HTTP/1.1").hasSizeLessThanOrEqualTo(1);
        if (h.contains("Transfer-Encoding")) {
            assertThat(h.getAll("Transfer-Encoding")).containsExactly(h.get("Transfer-Encoding"));
            assertThat(h.get("Transfer-Encoding").trim()).isEqualToIgnoringCase("chunked");
        }
        if (h.contains("Expect")) {
            assertThat(h.get("Expect").trim()).isEqualToIgnoringCase("100-continue");
        }
        assertThat(head.uri()).matches(u -> u.startsWith("/") || u.equals("*")
                || RequestFraming.absoluteFormPath(u) != null, "origin, asterisk or absolute form");
    }

    @Property(tries = 3000)
    void strippingLeavesNoHeaderTheConnectionHeaderNamed(@ForAll("heads") DefaultHttpRequest head,
                                                          @ForAll boolean keepUpgrade) {
        HttpHeaders h = head.headers();
        List<String> named = h.getAll("Connection").stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(t -> t.trim().toLowerCase(Locale.ROOT))
                .filter(t -> !t.isEmpty() && !t.equals("content-length") && !t.equals("host")
                        && !(keepUpgrade && t.equals("upgrade")))
                .toList();
        HopByHop.strip(h, keepUpgrade);
        for (String name : named) {
            assertThat(h.contains(name)).as(name + " was named in Connection").isFalse();
        }
        assertThat(h.contains("Transfer-Encoding")).isFalse();
        assertThat(h.contains("Proxy-Authorization")).isFalse();
    }

    @Property(tries = 3000)
    void hostValidationNeverThrows(@ForAll("values") String host) {
        RequestFraming.isValidHost(host);
    }
}
