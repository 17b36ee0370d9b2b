package io.warden.rules.headers;

import io.warden.rules.config.Environment;
import io.warden.rules.config.HeaderOverrides;
import io.warden.rules.config.HeadersConfig;
import io.warden.rules.config.UpstreamHeaderRule;

import java.util.ArrayList;
import java.util.List;

/**
 * The security headers per environment, with the operator's configuration laid over them, and per
 * route with its overrides laid over that. Everything is resolved here once, so a response only
 * copies finished strings.
 *
 * <p>What differs by environment, and why:
 * <ul>
 *   <li>CSP: development allows inline and eval'd scripts and any http(s) image or connection, so
 *       dev servers and hot reload work; staging and production allow only the site itself plus
 *       scripts and styles carrying the request's nonce, and forbid plugins, framing and
 *       {@code <base>}.</li>
 *   <li>HSTS: none in development, because a preloadable HSTS answer from https://localhost
 *       would pin localhost to HTTPS in the developer's browser for a year.</li>
 *   <li>Cross-Origin-Resource-Policy: {@code same-site} in development (a dev server on another
 *       localhost port may embed Warden's resources), {@code same-origin} elsewhere.</li>
 * </ul>
 * {@code Cross-Origin-Embedder-Policy: require-corp} goes out everywhere, as the brief asks; it
 * stops a page from loading cross-origin images, scripts or iframes that do not send CORP or
 * CORS headers: override it with {@code credentialless} or {@code unsafe-none} where that bites.
 */
public final class HeaderPolicies {

    static final String STRICT_CSP = "default-src 'self'; script-src 'self' 'nonce-{nonce}'; "
            + "style-src 'self' 'nonce-{nonce}'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
            + "media-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; "
            + "upgrade-insecure-requests";
    static final String DEVELOPMENT_CSP = "default-src 'self'; "
            + "script-src 'self' 'unsafe-inline' 'unsafe-eval' http://localhost:* http://127.0.0.1:*; "
            + "style-src 'self' 'unsafe-inline' http://localhost:* http://127.0.0.1:*; "
            + "img-src 'self' data: blob: http: https:; font-src 'self' data:; connect-src 'self' ws: wss: http: https:; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    static final String PERMISSIONS = "accelerometer=(), autoplay=(), camera=(), display-capture=(), "
            + "encrypted-media=(), fullscreen=(self), geolocation=(), gyroscope=(), hid=(), idle-detection=(), "
            + "magnetometer=(), microphone=(), midi=(), payment=(), picture-in-picture=(), "
            + "publickey-credentials-get=(), screen-wake-lock=(), serial=(), sync-xhr=(), usb=(), "
            + "xr-spatial-tracking=()";
    static final String HSTS = "max-age=31536000; includeSubDomains; preload";

    /** The group name of the Reporting API endpoint in {@code report-to}. */
    static final String REPORT_GROUP = "warden-csp";

    private final Values baseValues;
    private final HeaderPolicy base;
    private final String reportPath;

    public HeaderPolicies(Environment environment, HeadersConfig config) {
        this.reportPath = config.csp().reportPath();
        boolean development = environment == Environment.DEVELOPMENT;
        Values values = new Values(
                pick(config.contentTypeOptions(), "nosniff"),
                pick(config.frameOptions(), "DENY"),
                pick(config.referrerPolicy(), "strict-origin-when-cross-origin"),
                pick(config.crossOriginOpenerPolicy(), "same-origin"),
                pick(config.crossOriginResourcePolicy(), development ? "same-site" : "same-origin"),
                pick(config.crossOriginEmbedderPolicy(), "require-corp"),
                pick(config.permissionsPolicy(), PERMISSIONS),
                pick(config.strictTransportSecurity(), development ? "" : HSTS),
                pick(config.csp().policy(), development ? DEVELOPMENT_CSP : STRICT_CSP),
                config.csp().reportOnly(),
                config.upstreamHeaders());
        this.baseValues = values;
        this.base = build(values);
    }

    /** The policy of every request without a route override. */
    public HeaderPolicy base() {
        return base;
    }

    /** The policy of a route: the base with the route's overrides laid over it. */
    public HeaderPolicy forRoute(HeaderOverrides o) {
        if (o == null) {
            return base;
        }
        Values v = baseValues;
        return build(new Values(
                pick(o.contentTypeOptions(), v.contentTypeOptions),
                pick(o.frameOptions(), v.frameOptions),
                pick(o.referrerPolicy(), v.referrerPolicy),
                pick(o.crossOriginOpenerPolicy(), v.opener),
                pick(o.crossOriginResourcePolicy(), v.resource),
                pick(o.crossOriginEmbedderPolicy(), v.embedder),
                pick(o.permissionsPolicy(), v.permissions),
                pick(o.strictTransportSecurity(), v.hsts),
                pick(o.csp(), v.csp),
                o.cspReportOnly() == null ? v.cspReportOnly : o.cspReportOnly(),
                o.upstreamHeaders() == null ? v.upstreamHeaders : o.upstreamHeaders()));
    }

    /** The path of the CSP report endpoint, or null when it is off. */
    public String reportPath() {
        return reportPath;
    }

    private HeaderPolicy build(Values v) {
        List<HeaderField> fields = new ArrayList<>(9);
        add(fields, HeaderPolicy.CONTENT_TYPE_OPTIONS, v.contentTypeOptions);
        add(fields, HeaderPolicy.FRAME_OPTIONS, v.frameOptions);
        add(fields, HeaderPolicy.REFERRER_POLICY, v.referrerPolicy);
        add(fields, HeaderPolicy.OPENER_POLICY, v.opener);
        add(fields, HeaderPolicy.RESOURCE_POLICY, v.resource);
        add(fields, HeaderPolicy.EMBEDDER_POLICY, v.embedder);
        add(fields, HeaderPolicy.PERMISSIONS_POLICY, v.permissions);
        CspTemplate csp = v.csp.isEmpty() ? null : CspTemplate.of(v.csp);
        if (csp != null && reportPath != null && !csp.hasReportDirective()) {
            csp = csp.append("report-uri " + reportPath + "; report-to " + REPORT_GROUP);
            add(fields, HeaderPolicy.REPORTING_ENDPOINTS, REPORT_GROUP + "=\"" + reportPath + "\"");
        }
        return new HeaderPolicy(fields, v.hsts.isEmpty() ? null : v.hsts, csp, v.cspReportOnly, v.upstreamHeaders);
    }

    private static void add(List<HeaderField> fields, String name, String value) {
        if (!value.isEmpty()) {
            fields.add(new HeaderField(name, value));
        }
    }

    private static String pick(String configured, String fallback) {
        return configured == null ? fallback : configured.trim();
    }

    /** Every value resolved: empty means "send none". */
    private record Values(String contentTypeOptions, String frameOptions, String referrerPolicy, String opener,
                          String resource, String embedder, String permissions, String hsts, String csp,
                          boolean cspReportOnly, UpstreamHeaderRule upstreamHeaders) {
    }
}
