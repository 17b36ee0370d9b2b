package io.warden.rules.headers;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One browser report of a CSP violation, in either wire format, reduced to what an operator needs
 * to tighten a policy. Every field is untrusted text: cut to {@value #MAX_FIELD} characters,
 * control characters replaced, and URLs lose their query and fragment, which may hold tokens.
 */
record CspViolation(String documentUri, String directive, String blockedUri, String disposition,
                    String sourceFile, Long line) {

    static final int MAX_FIELD = 200;

    /** From {@code application/csp-report}: {@code {"csp-report": {"document-uri": ...}}}. */
    static CspViolation fromLegacy(JsonNode report) {
        String directive = text(report, "effective-directive");
        return new CspViolation(url(text(report, "document-uri")),
                directive != null ? directive : text(report, "violated-directive"),
                url(text(report, "blocked-uri")), text(report, "disposition"),
                url(text(report, "source-file")), number(report, "line-number"));
    }

    /** From the Reporting API's {@code application/reports+json}: the {@code body} of a csp-violation report. */
    static CspViolation fromReportingApi(JsonNode body) {
        return new CspViolation(url(text(body, "documentURL")), text(body, "effectiveDirective"),
                url(text(body, "blockedURL")), text(body, "disposition"), url(text(body, "sourceFile")),
                number(body, "lineNumber"));
    }

    Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        put(d, "documentUri", documentUri);
        put(d, "directive", directive);
        put(d, "blockedUri", blockedUri);
        put(d, "disposition", disposition);
        put(d, "sourceFile", sourceFile);
        if (line != null) {
            d.put("line", line);
        }
        return d;
    }

    private static void put(Map<String, Object> d, String key, String value) {
        if (value != null && !value.isEmpty()) {
            d.put(key, value);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.isNull()) {
            return null;
        }
        return clean(value.asText());
    }

    private static Long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.canConvertToLong() ? value.asLong() : null;
    }

    /** A URL without query and fragment; keywords such as {@code inline} or {@code eval} pass as they are. */
    static String url(String value) {
        if (value == null) {
            return null;
        }
        int cut = value.length();
        int q = value.indexOf('?');
        int f = value.indexOf('#');
        if (q >= 0) {
            cut = q;
        }
        if (f >= 0 && f < cut) {
            cut = f;
        }
        return value.substring(0, cut);
    }

    static String clean(String value) {
        StringBuilder sb = new StringBuilder(Math.min(value.length(), MAX_FIELD));
        for (int i = 0; i < value.length() && sb.length() < MAX_FIELD; i++) {
            char c = value.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return sb.toString();
    }
}
