package io.warden.rules.config;

/**
 * @param listen the admin API's own address; keep it off the public interface
 * @param token bearer token for the admin API (env {@code WARDEN_ADMIN_TOKEN}); required outside
 *              development
 */
public record AdminConfig(String listen, String token) {

    static final int MIN_TOKEN_LENGTH = 32;

    public static AdminConfig defaults() {
        return new AdminConfig("127.0.0.1:9090", null);
    }

    void validate(Problems p, Environment environment) {
        if (listen != null) {
            p.check("admin.listen", () -> HostPort.parse(listen));
        }
        boolean strict = environment != Environment.DEVELOPMENT;
        if (token == null && strict) {
            p.add("admin.token", "is required in " + environment.wireName()
                    + " (at least " + MIN_TOKEN_LENGTH + " characters; set WARDEN_ADMIN_TOKEN)");
        } else if (token != null && token.length() < MIN_TOKEN_LENGTH) {
            p.add("admin.token", "must be at least " + MIN_TOKEN_LENGTH + " characters, got " + token.length());
        }
    }

    AdminConfig redacted() {
        return new AdminConfig(listen, Redaction.mask(token));
    }
}
