package io.warden.rules.time;

/**
 * A monotonic source of nanoseconds. Every limiter, block list and token check takes one, so
 * tests move time instead of sleeping.
 */
@FunctionalInterface
public interface Ticker {

    /** Nanoseconds from an arbitrary origin; only differences between two readings mean anything. */
    long nanos();

    static Ticker system() {
        return System::nanoTime;
    }
}
