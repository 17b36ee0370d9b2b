package io.warden.rules.websocket;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Why a WebSocket connection must end, as its peer learns it.
 *
 * @param closeCode the RFC 6455 close code
 * @param reason a short reason for the close frame: fixed text, never the offending data
 */
public record Violation(int closeCode, String reason) {

    public Violation {
        Objects.requireNonNull(reason, "reason");
        if (!CloseCodes.sendable(closeCode)) {
            throw new IllegalArgumentException("not a close code that may be sent: " + closeCode);
        }
        if (reason.getBytes(StandardCharsets.UTF_8).length > 123) {
            throw new IllegalArgumentException("a close reason has at most 123 bytes: " + reason);
        }
    }
}
