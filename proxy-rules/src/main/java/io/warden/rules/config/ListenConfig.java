package io.warden.rules.config;

/**
 * @param http plain-HTTP listen address, or null for none
 * @param https HTTPS listen address (needs {@code tls}), or null for none
 */
public record ListenConfig(String http, String https) {

    public static ListenConfig defaults() {
        return new ListenConfig("0.0.0.0:8080", null);
    }

    void validate(Problems p) {
        if (http == null && https == null) {
            p.add("listen", "at least one of listen.http and listen.https is required");
        }
        if (http != null) {
            p.check("listen.http", () -> HostPort.parse(http));
        }
        if (https != null) {
            p.check("listen.https", () -> HostPort.parse(https));
        }
    }
}
