package io.warden.rules.auth;

import io.warden.rules.pipeline.MutableHeaders;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.pipeline.ResponseStep;

/**
 * Completes the {@code bearer, <token>} subprotocol convention on the way back: a browser that
 * offered subprotocols fails the connection unless the 101 answer selects one, and the backend
 * never saw {@code bearer} (nor the token). So when it selected none, Warden selects
 * {@code bearer}, which the client did offer.
 */
public final class BearerSubprotocolStep implements ResponseStep {

    @Override
    public void onResponse(RequestContext request, int status, MutableHeaders headers) {
        if (status != 101 || headers.contains(AuthCheck.PROTOCOL_HEADER)) {
            return;
        }
        if (TokenExtractor.SubprotocolToken.find(request.headers()).token() != null) {
            headers.set(AuthCheck.PROTOCOL_HEADER, TokenSources.PROTOCOL_MARKER);
        }
    }
}
