package io.warden.rules.ratelimit.ai;

import io.warden.rules.pipeline.Decision;

/**
 * The answer to "may this stream open?".
 *
 * @param lease to release when the stream ends; null when refused
 * @param decision {@code Proceed} (with events in detect mode) or a 429 {@code Reject}
 */
public record Admission(Lease lease, Decision decision) {

    public boolean granted() {
        return lease != null;
    }
}
