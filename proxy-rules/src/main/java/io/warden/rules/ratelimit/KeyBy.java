package io.warden.rules.ratelimit;

/** What a limit counts against: the client's address, or the verified user (falling back to the address). */
public enum KeyBy {
    ADDRESS, USER
}
