package io.warden.core.testing;

import java.util.function.BooleanSupplier;

/** Waits for something another thread does (an event delivered, a connection counted as closed). */
public final class Eventually {

    private Eventually() {
    }

    /** Whether {@code condition} became true within {@code millis}, polled every 10 ms. */
    public static boolean within(long millis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
