package io.warden.admin;

import java.util.List;
import java.util.Map;

/**
 * An admin API request, already parsed and authenticated.
 *
 * @param query decoded query parameters
 * @param authenticated whether a valid bearer token came with it
 * @param remoteAddress who sent it, for the audit trail
 * @param actor who the caller is for the audit trail (the token's fingerprint), or null when not authenticated
 */
public record AdminRequest(String method, String path, Map<String, List<String>> query, byte[] body,
                           boolean authenticated, String remoteAddress, String requestId, String actor) {

    /** The first value of a query parameter, or null. */
    public String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
