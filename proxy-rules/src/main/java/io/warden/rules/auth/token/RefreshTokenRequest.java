package io.warden.rules.auth.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.warden.rules.auth.jwt.LogSafe;

/** The body of {@code POST /auth/refresh} and {@code POST /auth/logout}: {@code {"refresh_token": "..."}}. */
public record RefreshTokenRequest(@JsonProperty("refresh_token") String refreshToken) {

    @Override
    public String toString() {
        return "RefreshTokenRequest[refresh_token=" + LogSafe.fingerprint(refreshToken) + "]";
    }
}
