package io.warden.rules.headers;

import io.warden.rules.config.UpstreamHeaderRule;

import java.util.List;

/**
 * The security headers one response gets: built once per configuration (and per route with
 * overrides) by {@link HeaderPolicies}, read by {@link SecurityHeaders} on every response.
 *
 * @param headers set on every response (nosniff, frame options, cross-origin policies, ...)
 * @param strictTransportSecurity set only on responses to HTTPS requests; null for none
 * @param csp the Content-Security-Policy; null for none
 * @param cspReportOnly send {@code csp} as {@code Content-Security-Policy-Report-Only}
 * @param upstreamHeaders whether Warden's value replaces one the upstream set, or the upstream's stays
 */
public record HeaderPolicy(List<HeaderField> headers, String strictTransportSecurity, CspTemplate csp,
                           boolean cspReportOnly, UpstreamHeaderRule upstreamHeaders) {

    public static final String CSP = "Content-Security-Policy";
    public static final String CSP_REPORT_ONLY = "Content-Security-Policy-Report-Only";
    public static final String HSTS = "Strict-Transport-Security";
    public static final String CONTENT_TYPE_OPTIONS = "X-Content-Type-Options";
    public static final String FRAME_OPTIONS = "X-Frame-Options";
    public static final String REFERRER_POLICY = "Referrer-Policy";
    public static final String OPENER_POLICY = "Cross-Origin-Opener-Policy";
    public static final String RESOURCE_POLICY = "Cross-Origin-Resource-Policy";
    public static final String EMBEDDER_POLICY = "Cross-Origin-Embedder-Policy";
    public static final String PERMISSIONS_POLICY = "Permissions-Policy";
    public static final String REPORTING_ENDPOINTS = "Reporting-Endpoints";

    /**
     * Every header name a policy may set: an adapter may prepare its own form of them once (the
     * data plane keeps them as Netty {@code AsciiString}s, validated and hashed once).
     */
    public static final List<String> NAMES = List.of(CONTENT_TYPE_OPTIONS, FRAME_OPTIONS, REFERRER_POLICY,
            OPENER_POLICY, RESOURCE_POLICY, EMBEDDER_POLICY, PERMISSIONS_POLICY, REPORTING_ENDPOINTS, HSTS, CSP,
            CSP_REPORT_ONLY);

    public HeaderPolicy {
        headers = List.copyOf(headers);
        if (upstreamHeaders == null) {
            throw new IllegalArgumentException("upstreamHeaders is required");
        }
    }

    /** A policy that sets nothing, for tests and for routes that opt out entirely. */
    public static HeaderPolicy none() {
        return new HeaderPolicy(List.of(), null, null, false, UpstreamHeaderRule.REPLACE);
    }

    public boolean usesNonce() {
        return csp != null && csp.usesNonce();
    }

    public String cspHeaderName() {
        return cspReportOnly ? CSP_REPORT_ONLY : CSP;
    }

    /** The value of {@code name} in {@link #headers()}, or null. */
    public String header(String name) {
        for (HeaderField field : headers) {
            if (field.name().equalsIgnoreCase(name)) {
                return field.value();
            }
        }
        return null;
    }
}
