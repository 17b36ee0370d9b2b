package io.warden.rules.config;

import java.util.List;

/**
 * @param jwtSecret HMAC secret for HS-signed tokens (env {@code SECURITY_JWT_SECRET_KEY})
 * @param maxFailedLogins failed logins from one address that lock it out
 * @param loginPaths paths whose 401/403 answers count as failed logins
 */
public record AuthConfig(String jwtSecret, int maxFailedLogins, List<String> loginPaths) {

    static final int MIN_SECRET_LENGTH = 32;

    public static AuthConfig defaults() {
        return new AuthConfig(null, 5, List.of("/api/auth/login"));
    }

    void validate(Problems p) {
        if (jwtSecret != null && jwtSecret.length() < MIN_SECRET_LENGTH) {
            p.add("auth.jwtSecret", "must be at least " + MIN_SECRET_LENGTH + " characters, got "
                    + jwtSecret.length());
        }
        p.positive("auth.maxFailedLogins", maxFailedLogins);
        p.each("auth.loginPaths", loginPaths, path -> {
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("must be a path starting with '/', got '" + path + "'");
            }
        });
    }

    /** A copy safe to print: the secret's presence and length, never its value. */
    AuthConfig redacted() {
        return new AuthConfig(Redaction.mask(jwtSecret), maxFailedLogins, loginPaths);
    }
}
