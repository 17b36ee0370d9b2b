package io.warden.rules.config;

import java.util.List;
import java.util.Locale;

/**
 * Checks on the headers of every request, before anything else reads them.
 *
 * @param mode block rejects or strips, detect only records, off skips
 * @param allowedHosts the {@code Host} values this site answers to ({@code example.com},
 *                     {@code *.example.com}; ports ignored); empty allows any well-formed host
 * @param allowedOverrideHeaders override headers passed on to the upstream (e.g.
 *                               {@code X-HTTP-Method-Override} for a client that needs it); the
 *                               rest are stripped or refused
 * @param maxCount the most header fields in one request; past it 431
 * @param maxValueBytes the longest single header field (name and value); past it 431
 */
public record RequestHeadersConfig(InspectionMode mode, List<String> allowedHosts,
                                   List<String> allowedOverrideHeaders, int maxCount, int maxValueBytes) {

    public static RequestHeadersConfig defaults() {
        return new RequestHeadersConfig(InspectionMode.BLOCK, List.of(), List.of(), 100, 8192);
    }

    void validate(Problems p) {
        p.required("requestHeaders.mode", mode);
        p.each("requestHeaders.allowedHosts", allowedHosts, RequestHeadersConfig::checkHostPattern);
        p.each("requestHeaders.allowedOverrideHeaders", allowedOverrideHeaders, name -> {
            if (name == null || !name.matches("[A-Za-z0-9-]+")) {
                throw new IllegalArgumentException("must be a header name, got '" + name + "'");
            }
        });
        if (maxCount < 10 || maxCount > 1000) {
            p.add("requestHeaders.maxCount", "must be within 10..1000, got " + maxCount);
        }
        if (maxValueBytes < 256) {
            p.add("requestHeaders.maxValueBytes", "must be at least 256, got " + maxValueBytes);
        }
    }

    private static void checkHostPattern(String pattern) {
        String host = pattern == null ? "" : pattern.toLowerCase(Locale.ROOT);
        String name = host.startsWith("*.") ? host.substring(2) : host;
        if (name.isEmpty() || !name.matches("[a-z0-9.\\-_]+|\\[[0-9a-f:.]+\\]")) {
            throw new IllegalArgumentException(
                    "expected a host name, *.domain or [IPv6] without port, got '" + pattern + "'");
        }
    }
}
