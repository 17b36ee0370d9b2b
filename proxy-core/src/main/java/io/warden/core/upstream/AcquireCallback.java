package io.warden.core.upstream;

/** Told, on the caller's event loop, how an acquisition ended; exactly one method is called once. */
public interface AcquireCallback {

    void acquired(UpstreamConnection connection);

    /** {@link PoolExhaustedException} when the pool is full, else why the connect failed. */
    void failed(Throwable cause);
}
