package io.warden.rules.auth.token;

/**
 * Who called a token endpoint, for the events: failed logins from one address feed its lockout.
 *
 * @param clientIp the resolved client address
 * @param requestId the request's id, or null
 */
public record Caller(String clientIp, String requestId) {
}
