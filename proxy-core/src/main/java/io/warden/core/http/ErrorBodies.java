package io.warden.core.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.charset.StandardCharsets;

/**
 * The contract's error body, {@code {"error": "...", "status": N, "requestId": "..."}}, written
 * straight into a buffer: rejections are on the hot path under attack.
 */
final class ErrorBodies {

    private ErrorBodies() {
    }

    static ByteBuf json(ByteBufAllocator alloc, int status, String reason, String requestId) {
        StringBuilder sb = new StringBuilder(64 + reason.length() + requestId.length());
        sb.append("{\"error\":\"");
        escape(reason, sb);
        sb.append("\",\"status\":").append(status).append(",\"requestId\":\"");
        escape(requestId, sb);
        sb.append("\"}");
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        return alloc.buffer(bytes.length).writeBytes(bytes);
    }

    private static void escape(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
