package io.warden.rules.config;

/**
 * A route's changes to the global security headers: each value null inherits, an empty string
 * sends no such header, anything else replaces it. Meant for a route's {@code headers:} block,
 * e.g. a widget route that must be framed ({@code frameOptions: ""}) or a page loading
 * cross-origin images ({@code crossOriginEmbedderPolicy: credentialless}).
 *
 * @param csp the route's Content-Security-Policy, {@code {nonce}} allowed
 * @param cspReportOnly whether the route's CSP only reports
 */
public record HeaderOverrides(UpstreamHeaderRule upstreamHeaders, String contentTypeOptions, String frameOptions,
                              String referrerPolicy, String crossOriginOpenerPolicy,
                              String crossOriginResourcePolicy, String crossOriginEmbedderPolicy,
                              String permissionsPolicy, String strictTransportSecurity, String csp,
                              Boolean cspReportOnly) {

    public static HeaderOverrides none() {
        return new HeaderOverrides(null, null, null, null, null, null, null, null, null, null, null);
    }

    /** @param key the dotted key of this block, e.g. {@code routes[2].headers} */
    public void validate(Problems p, String key) {
        HeaderValues.check(p, key + ".contentTypeOptions", contentTypeOptions);
        HeaderValues.check(p, key + ".frameOptions", frameOptions);
        HeaderValues.check(p, key + ".referrerPolicy", referrerPolicy);
        HeaderValues.check(p, key + ".crossOriginOpenerPolicy", crossOriginOpenerPolicy);
        HeaderValues.check(p, key + ".crossOriginResourcePolicy", crossOriginResourcePolicy);
        HeaderValues.check(p, key + ".crossOriginEmbedderPolicy", crossOriginEmbedderPolicy);
        HeaderValues.check(p, key + ".permissionsPolicy", permissionsPolicy);
        HeaderValues.check(p, key + ".strictTransportSecurity", strictTransportSecurity);
        HeaderValues.check(p, key + ".csp", csp);
    }
}
