package io.warden.rules.pipeline;

/**
 * Runs on every response head before it goes back to the client, Warden's own error responses
 * included: hardening headers, observing statuses (failed logins), adding rate-limit headers.
 */
@FunctionalInterface
public interface ResponseStep {

    void onResponse(RequestContext request, int status, MutableHeaders headers);
}
