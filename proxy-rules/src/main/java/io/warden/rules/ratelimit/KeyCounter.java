package io.warden.rules.ratelimit;

/**
 * Counts events per key within a window (failed logins): {@link WindowCounter} in process memory,
 * a shared counter in cluster mode. Both calls must answer without waiting on the network.
 */
public interface KeyCounter {

    /** Counts one event and answers how many the key has within its window, this one included. */
    int increment(String key);

    /** Forgets the key's count (a successful login). */
    void reset(String key);
}
