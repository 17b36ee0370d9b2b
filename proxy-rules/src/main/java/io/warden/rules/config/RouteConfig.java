package io.warden.rules.config;

import java.util.List;

/**
 * One entry of {@code routes:}, matched by method and path pattern; the first match wins.
 *
 * @param name shown in events and logs
 * @param path the pattern the normalised path must match
 * @param methods the methods this route matches; empty means any
 * @param maxBodyBytes overrides {@code limits.maxRequestBodyBytes} for this route
 */
public record RouteConfig(String name, String path, List<String> methods, Long maxBodyBytes) {

    void validate(Problems p, String key) {
        p.required(key + ".path", path);
        if (path != null && !path.startsWith("/")) {
            p.add(key + ".path", "must start with '/', got '" + path + "'");
        }
        if (maxBodyBytes != null && maxBodyBytes < 0) {
            p.add(key + ".maxBodyBytes", "must be 0 or more, got " + maxBodyBytes);
        }
    }
}
