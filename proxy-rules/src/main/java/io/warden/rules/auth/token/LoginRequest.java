package io.warden.rules.auth.token;

/**
 * The body of {@code POST /auth/token}: {@code {"username": "...", "password": "..."}}. The
 * password is a char array so the caller can clear it once the service returns; the service does
 * not keep it.
 */
public record LoginRequest(String username, char[] password) {

    @Override
    public String toString() {
        return "LoginRequest[username=" + username + ", password=<hidden>]";
    }
}
