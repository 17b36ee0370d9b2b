package io.warden.rules.config;

/**
 * The security headers on every response. Each value null takes the environment's default (see
 * {@code HeaderPolicies} and the README), an empty string sends no such header, anything else is
 * sent as written. {@code Strict-Transport-Security} only ever goes on HTTPS responses.
 *
 * @param upstreamHeaders when the upstream set one of these headers itself: replace it (Warden's
 *                        policy wins) or keep it
 */
public record HeadersConfig(UpstreamHeaderRule upstreamHeaders, String contentTypeOptions, String frameOptions,
                            String referrerPolicy, String crossOriginOpenerPolicy,
                            String crossOriginResourcePolicy, String crossOriginEmbedderPolicy,
                            String permissionsPolicy, String strictTransportSecurity, CspConfig csp) {

    public static HeadersConfig defaults() {
        return new HeadersConfig(UpstreamHeaderRule.REPLACE, null, null, null, null, null, null, null, null,
                CspConfig.defaults());
    }

    void validate(Problems p) {
        p.required("headers.upstreamHeaders", upstreamHeaders);
        HeaderValues.check(p, "headers.contentTypeOptions", contentTypeOptions);
        HeaderValues.check(p, "headers.frameOptions", frameOptions);
        HeaderValues.check(p, "headers.referrerPolicy", referrerPolicy);
        HeaderValues.check(p, "headers.crossOriginOpenerPolicy", crossOriginOpenerPolicy);
        HeaderValues.check(p, "headers.crossOriginResourcePolicy", crossOriginResourcePolicy);
        HeaderValues.check(p, "headers.crossOriginEmbedderPolicy", crossOriginEmbedderPolicy);
        HeaderValues.check(p, "headers.permissionsPolicy", permissionsPolicy);
        HeaderValues.check(p, "headers.strictTransportSecurity", strictTransportSecurity);
        p.required("headers.csp", csp);
        if (csp != null) {
            csp.validate(p);
        }
    }
}
