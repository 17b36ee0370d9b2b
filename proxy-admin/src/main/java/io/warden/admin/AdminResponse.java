package io.warden.admin;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What an admin endpoint answers; the handler adds the security headers and writes it. */
public record AdminResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    public static AdminResponse json(int status, byte[] body) {
        return new AdminResponse(status, "application/json", body, Map.of());
    }

    public static AdminResponse text(int status, String contentType, String body) {
        return new AdminResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }
}
