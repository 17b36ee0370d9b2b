package io.warden.rules.config;

/**
 * Concurrent long-lived responses, SSE streams and WebSocket sessions ({@code rateLimit.streams}):
 * one AI generation can hold a connection for minutes, so these are capped apart from request rates.
 *
 * @param mode enforce, detect (events only) or off
 * @param perUser open streams per verified user
 * @param perAddress open streams per client address (covers anonymous clients; allows for NAT)
 */
public record StreamLimitConfig(LimitMode mode, int perUser, int perAddress) {

    public static StreamLimitConfig defaults() {
        return new StreamLimitConfig(LimitMode.ENFORCE, 5, 20);
    }

    void validate(Problems p) {
        p.required("rateLimit.streams.mode", mode);
        p.positive("rateLimit.streams.perUser", perUser);
        p.positive("rateLimit.streams.perAddress", perAddress);
    }
}
