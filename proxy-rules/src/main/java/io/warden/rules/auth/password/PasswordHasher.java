package io.warden.rules.auth.password;

/**
 * Hashes and checks passwords. Deliberately slow (bcrypt at cost 12 takes a few hundred
 * milliseconds): both methods block the calling thread for that long, so they must run on a
 * worker pool, never on an event-loop thread. Thread-safe.
 */
public interface PasswordHasher {

    /** A new salted hash of {@code password}; the array is read, not kept. */
    String hash(char[] password);

    /**
     * Whether {@code password} matches {@code hash}, compared in constant time. Takes about as
     * long whether it matches or not, and also for a password it would refuse outright, so the
     * answer's timing tells nothing.
     */
    boolean verify(char[] password, String hash);
}
