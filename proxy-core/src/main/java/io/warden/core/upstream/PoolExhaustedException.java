package io.warden.core.upstream;

/** No upstream connection could be had in time: every one is busy and the wait list is full or slow. */
public final class PoolExhaustedException extends Exception {

    public PoolExhaustedException(String message) {
        super(message, null, false, false);
    }
}
