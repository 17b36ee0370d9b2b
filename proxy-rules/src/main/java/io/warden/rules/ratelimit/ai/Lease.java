package io.warden.rules.ratelimit.ai;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open long-lived response counted against its user's and address's caps. Core releases it
 * when the stream ends, however it ends; releasing twice is harmless.
 */
public final class Lease implements AutoCloseable {

    /** A lease that counts nothing, for clients no cap applies to. */
    public static final Lease NONE = new Lease(null);

    private final Runnable onRelease;
    private final AtomicBoolean released = new AtomicBoolean();

    Lease(Runnable onRelease) {
        this.onRelease = onRelease;
    }

    public void release() {
        if (onRelease != null && released.compareAndSet(false, true)) {
            onRelease.run();
        }
    }

    @Override
    public void close() {
        release();
    }

    public boolean released() {
        return onRelease == null || released.get();
    }
}
