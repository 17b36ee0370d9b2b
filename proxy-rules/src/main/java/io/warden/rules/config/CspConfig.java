package io.warden.rules.config;

/**
 * The Content-Security-Policy and its violation reports.
 *
 * @param policy the policy; null means the environment's (see {@code HeaderPolicies}), an empty
 *               string sends none. {@code {nonce}} stands for a fresh per-request nonce, which the
 *               upstream receives in {@code X-CSP-Nonce}
 * @param reportOnly send it as {@code Content-Security-Policy-Report-Only}: violations are
 *                   reported, nothing is blocked, so a policy can be tried on real traffic
 * @param reportPath the path Warden itself answers violation reports on (never forwarded); null
 *                   turns the endpoint and the report directives off
 * @param reportsPerMinute reports accepted per client address a minute; past it 429
 * @param maxReportBytes the largest report body; past it 413
 */
public record CspConfig(String policy, boolean reportOnly, String reportPath, int reportsPerMinute,
                        int maxReportBytes) {

    public static CspConfig defaults() {
        return new CspConfig(null, false, "/_warden/csp-report", 60, 16 * 1024);
    }

    void validate(Problems p) {
        HeaderValues.check(p, "headers.csp.policy", policy);
        if (reportPath != null && (!reportPath.startsWith("/") || reportPath.indexOf('?') >= 0
                || reportPath.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f || c == ';' || c == ',' || c == '"'))) {
            p.add("headers.csp.reportPath", "must be a plain absolute path such as /_warden/csp-report, got '"
                    + reportPath + "'");
        }
        p.positive("headers.csp.reportsPerMinute", reportsPerMinute);
        if (maxReportBytes < 512 || maxReportBytes > 1024 * 1024) {
            p.add("headers.csp.maxReportBytes", "must be within 512..1048576, got " + maxReportBytes);
        }
    }
}
