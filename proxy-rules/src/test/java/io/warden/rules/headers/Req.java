package io.warden.rules.headers;

import io.warden.rules.net.ClientAddress;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.ratelimit.TestHeaders;
import io.warden.rules.route.RoutePolicy;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Request contexts for the header tests. */
final class Req {

    private Req() {
    }

    static RequestContext get(String target, boolean secure, String... headers) {
        return of("GET", target, secure, -1, headers);
    }

    static RequestContext of(String method, String target, boolean secure, long contentLength, String... headers) {
        try {
            return RequestContext.builder()
                    .requestId("rid-1")
                    .client(ClientAddress.of(InetAddress.getByName("203.0.113.9")))
                    .method(method)
                    .target(target)
                    .headers(TestHeaders.of(headers))
                    .route(RoutePolicy.basic("default", 10_000_000))
                    .secure(secure)
                    .contentLength(contentLength)
                    .build();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
