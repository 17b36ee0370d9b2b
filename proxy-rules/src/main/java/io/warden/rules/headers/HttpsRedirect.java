package io.warden.rules.headers;

import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.LocalResponder;
import io.warden.rules.pipeline.LocalResponse;
import io.warden.rules.pipeline.RequestBody;
import io.warden.rules.pipeline.RequestCheck;
import io.warden.rules.pipeline.RequestContext;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code tls.requireHttps}: a request that reached Warden over plain HTTP (and not through a
 * trusted proxy that saw HTTPS) is answered {@code 308 Permanent Redirect} to the same target on
 * HTTPS; 308 rather than 301 so a POST stays a POST with its body. Health paths stay reachable
 * over HTTP for probes that do not follow redirects. Place it early: nothing a plain-HTTP
 * request carries should be checked, counted or forwarded.
 */
public final class HttpsRedirect implements RequestCheck, LocalResponder {

    private final String portSuffix;
    private final Set<String> exemptPaths;

    /** @param httpsPort the port the redirect names; 443 is left out of the URL */
    public HttpsRedirect(int httpsPort, List<String> exemptPaths) {
        this.portSuffix = httpsPort == 443 ? "" : ":" + httpsPort;
        this.exemptPaths = Set.copyOf(exemptPaths);
    }

    @Override
    public Decision check(RequestContext request) {
        if (request.secure() || exemptPaths.contains(request.path())) {
            return Decision.proceed();
        }
        return Decision.answer(this);
    }

    @Override
    public long maxBodyBytes() {
        return 0;
    }

    @Override
    public LocalResponse respond(RequestContext request, RequestBody body) {
        String host = request.headers().get("Host");
        if (host == null) {
            return LocalResponse.error(400, "https required", request.requestId(), List.of());
        }
        String location = "https://" + hostOnly(host.trim()) + portSuffix + request.target();
        return LocalResponse.empty(308, Map.of("Location", location), List.of());
    }

    /** The host without its port; the data plane already refused a malformed {@code Host}. */
    private static String hostOnly(String host) {
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? host : host.substring(0, close + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }
}
