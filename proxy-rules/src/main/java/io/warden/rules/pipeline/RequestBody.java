package io.warden.rules.pipeline;

/**
 * A request body buffered for inspection: only for content types a body check asked for, and only
 * up to the inspection limit.
 *
 * @param contentType the {@code Content-Type} as sent, or null
 * @param bytes the body; the array is owned by this record and must not be changed
 */
public record RequestBody(String contentType, byte[] bytes) {
}
