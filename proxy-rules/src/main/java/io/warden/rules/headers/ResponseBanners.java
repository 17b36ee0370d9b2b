package io.warden.rules.headers;

import io.warden.rules.pipeline.MutableHeaders;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.pipeline.ResponseStep;

import java.util.List;

/**
 * Removes the headers that tell an attacker which server and framework versions sit behind
 * Warden, and returns the request id so a client can quote it.
 */
public final class ResponseBanners implements ResponseStep {

    static final List<String> BANNERS = List.of(
            "Server", "X-Powered-By", "X-AspNet-Version", "X-AspNetMvc-Version", "X-Runtime",
            "X-Generator", "X-Version", "Via");

    @Override
    public void onResponse(RequestContext request, int status, MutableHeaders headers) {
        for (int i = 0; i < BANNERS.size(); i++) {
            headers.remove(BANNERS.get(i));
        }
        headers.set("X-Request-ID", request.requestId());
    }
}
