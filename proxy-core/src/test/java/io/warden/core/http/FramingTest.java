package io.warden.core.http;

import io.warden.core.testing.RawHttp;
import io.warden.core.testing.TestUpstream;
import io.warden.core.testing.WardenFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Ambiguous or malformed requests are answered and closed, and never reach the upstream. */
class FramingTest {

    private TestUpstream upstream;
    private WardenFixture warden;

    @BeforeEach
    void start() throws Exception {
        upstream = new TestUpstream();
        warden = WardenFixture.start(upstream.url(), "limits.maxRequestBodyBytes=1000",
                "server.maxHeaderSize=2048", "server.maxInitialLineLength=1024");
    }

    @AfterEach
    void stop() {
        warden.close();
        upstream.close();
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("content-length with transfer-encoding",
                        "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + "0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n", "400"),
                Arguments.of("two different content-lengths",
                        "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nhello", "400"),
                Arguments.of("an unknown transfer coding",
                        "POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", "400"),
                Arguments.of("transfer-encoding in HTTP/1.0",
                        "POST /a HTTP/1.0\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "400"),
                Arguments.of("a malformed chunk size",
                        "POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
                        "400"),
                Arguments.of("no Host in HTTP/1.1", "GET /a HTTP/1.1\r\nAccept: */*\r\n\r\n", "400"),
                Arguments.of("two Host headers", "GET /a HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", "400"),
                Arguments.of("an invalid Host", "GET /a HTTP/1.1\r\nHost: x y@z\r\n\r\n", "400"),
                Arguments.of("a bare LF line ending", "GET /a HTTP/1.1\nHost: x\n\n", "400"),
                Arguments.of("an absolute target for another host",
                        "GET http://internal.example/a HTTP/1.1\r\nHost: x\r\n\r\n", "400"),
                Arguments.of("an expectation other than 100-continue",
                        "POST /a HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + "0\r\n\r\n", "417"),
                Arguments.of("a CONNECT tunnel", "CONNECT internal:22 HTTP/1.1\r\nHost: internal:22\r\n\r\n", "405"),
                Arguments.of("a declared body over the limit",
                        "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n", "413"),
                Arguments.of("a request line over the limit",
                        "GET /" + "a".repeat(2000) + " HTTP/1.1\r\nHost: x\r\n\r\n", "414"),
                Arguments.of("headers over the limit",
                        "GET /a HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(4000) + "\r\n\r\n", "431"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedWithoutReachingTheUpstream(String why, String request, String status) throws Exception {
        String response;
        try (RawHttp raw = new RawHttp(warden.port())) {
            response = raw.send(request).readUntilClose(3000);
        }
        assertThat(response).as(why).startsWith("HTTP/1.1 " + status);
        assertThat(response).contains("\"status\":" + status).contains("\"requestId\":\"");
        assertThat(response).as("the connection is closed after an unframeable request").doesNotContain("<timeout>");
        assertThat(upstream.received()).as(why + " must not reach the upstream").isEmpty();
    }

    @Test
    void chunkedBodyOverTheLimitIsCutWithoutADeclaredLength() throws Exception {
        String chunk = "x".repeat(600);
        String response;
        try (RawHttp raw = new RawHttp(warden.port())) {
            raw.send("POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
            raw.send(Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
            raw.send(Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
            response = raw.readUntilClose(3000);
        }
        assertThat(response).startsWith("HTTP/1.1 413");
        assertThat(upstream.received()).as("the upstream never sees a complete request").isEmpty();
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (RawHttp raw = new RawHttp(warden.port())) {
            raw.send("GET /one HTTP/1.1\r\nHost: x\r\n\r\nGET /two HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /three HTTP/1.1\r\nHost: x\r\n\r\n");
            for (int i = 0; i < 3; i++) {
                assertThat(raw.readResponse()).startsWith("HTTP/1.1 200");
            }
        }
        assertThat(upstream.received()).extracting(TestUpstream.Received::uri)
                .containsExactly("/one", "/two", "/three");
    }

    @Test
    void aBodyRefusedUnderExpectContinueIsNeverInvited() throws Exception {
        try (RawHttp raw = new RawHttp(warden.port())) {
            raw.send("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n");
            assertThat(raw.readUntilClose(3000)).as("a body over the limit is refused before it is sent")
                    .startsWith("HTTP/1.1 413").doesNotContain("100 Continue");
        }
        assertThat(upstream.received()).isEmpty();
    }
}
