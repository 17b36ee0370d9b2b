package io.warden.rules.pipeline;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.warden.rules.events.SecurityEvent;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What Warden answers itself.
 *
 * @param contentType null when there is no body
 * @param body owned by this record, must not be changed; empty for none
 * @param events raised while answering; the pipeline emits them
 */
public record LocalResponse(int status, Map<String, String> headers, String contentType, byte[] body,
                            List<SecurityEvent> events) {

    private static final byte[] EMPTY = new byte[0];

    public LocalResponse {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("a local answer needs a final status, got " + status);
        }
        headers = Map.copyOf(headers);
        body = Objects.requireNonNullElse(body, EMPTY);
        events = List.copyOf(events);
    }

    /** The contract's error answer, {@code {"error": reason, "status": N, "requestId": id}}. */
    public static LocalResponse error(int status, String reason, String requestId, List<SecurityEvent> events) {
        JsonStringEncoder json = JsonStringEncoder.getInstance();
        String body = "{\"error\":\"" + new String(json.quoteAsString(reason)) + "\",\"status\":" + status
                + ",\"requestId\":\"" + new String(json.quoteAsString(requestId)) + "\"}";
        return new LocalResponse(status, Map.of("Cache-Control", "no-store"), "application/json",
                body.getBytes(StandardCharsets.UTF_8), events);
    }

    /** A body-less answer, e.g. 204 or a redirect. */
    public static LocalResponse empty(int status, Map<String, String> headers, List<SecurityEvent> events) {
        return new LocalResponse(status, headers, null, EMPTY, events);
    }
}
