package io.warden.rules.auth;

import io.warden.rules.auth.jwt.ClaimValues;
import io.warden.rules.auth.jwt.LogSafe;
import io.warden.rules.auth.jwt.VerifiedToken;
import io.warden.rules.pipeline.RequestContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Forwards chosen claims of a verified token to the upstream as headers ({@code auth.claimHeaders},
 * e.g. {@code email: X-Warden-Email}). Arrays are joined with commas. A value that is not plain
 * printable ASCII, or is over {@value #MAX_VALUE_CHARS} characters, is left out rather than
 * mangled or allowed to split a header.
 */
public final class ClaimHeaders {

    static final int MAX_VALUE_CHARS = 1024;

    private final Map<String, String> claimToHeader;

    public ClaimHeaders(Map<String, String> claimToHeader) {
        this.claimToHeader = Map.copyOf(new LinkedHashMap<>(claimToHeader));
    }

    public static ClaimHeaders none() {
        return new ClaimHeaders(Map.of());
    }

    void apply(VerifiedToken token, RequestContext request) {
        claimToHeader.forEach((claim, header) -> {
            String value = render(token.claim(claim));
            if (LogSafe.headerSafe(value, MAX_VALUE_CHARS)) {
                request.addUpstreamHeader(header, value);
            }
        });
    }

    private static String render(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof List<?>) {
            List<String> items = ClaimValues.strings(value);
            return items.isEmpty() ? null : String.join(",", items);
        }
        return null;
    }
}
