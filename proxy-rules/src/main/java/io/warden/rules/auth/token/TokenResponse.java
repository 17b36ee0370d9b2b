package io.warden.rules.auth.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.warden.rules.auth.jwt.LogSafe;

/**
 * A successful answer of {@code /auth/token} and {@code /auth/refresh}, in the OAuth 2 token
 * response shape (RFC 6749 §5.1). Core sends it with {@code Cache-Control: no-store}.
 *
 * @param expiresIn seconds the access token lives
 * @param refreshExpiresIn seconds the refresh token lives
 */
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("refresh_expires_in") long refreshExpiresIn) {

    @Override
    public String toString() {
        return "TokenResponse[access_token=" + LogSafe.fingerprint(accessToken) + ", refresh_token="
                + LogSafe.fingerprint(refreshToken) + ", expires_in=" + expiresIn + "]";
    }
}
