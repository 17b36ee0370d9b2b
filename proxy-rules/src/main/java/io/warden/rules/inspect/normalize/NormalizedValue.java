package io.warden.rules.inspect.normalize;

/**
 * One inspected value and the views the detectors read. Views that normalisation did not change
 * are the same instance as the raw value, so detectors can skip work with an identity check.
 *
 * @param raw the value as the application receives it (after the request's own URL or form
 *            decoding, when it had one)
 * @param text percent-decoded until stable (bounded rounds) and folded: what SQL, shell and
 *             path detectors read
 * @param markup {@code text} with HTML character references and script escapes decoded as well:
 *               what the markup and script detector reads
 * @param signals {@link Signals} raised while producing the views
 * @param symbols the {@link Symbols} that {@code text} and {@code markup} hold between them
 */
public record NormalizedValue(String raw, String text, String markup, int signals, long symbols) {

    public boolean has(int signal) {
        return (signals & signal) != 0;
    }

    /** Whether either view holds any of the {@link Symbols} in {@code mask}. */
    public boolean holdsAny(long mask) {
        return (symbols & mask) != 0;
    }
}
