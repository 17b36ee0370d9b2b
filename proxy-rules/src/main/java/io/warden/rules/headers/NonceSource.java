package io.warden.rules.headers;

import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Unpredictable 128-bit CSP nonces, cheap enough for every request. One SecureRandom shared by
 * every event loop would serialise them on its lock, and the default NativePRNG reads a shared
 * {@code /dev/urandom} stream under a global lock; instead each thread owns a NIST DRBG (seeded
 * from the system's entropy, reseeded by the DRBG itself) and draws 64 nonces' worth of bytes at
 * a time, so a nonce costs a copy and a base64 encoding.
 */
public final class NonceSource {

    static final int NONCE_BYTES = 16;
    private static final int BATCH = 64;

    private final ThreadLocal<Batch> batches = ThreadLocal.withInitial(Batch::new);

    /** A fresh nonce, 22 characters of base64url: valid in a CSP source and an HTML attribute alike. */
    public String next() {
        return batches.get().next();
    }

    private static final class Batch {
        private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

        private final SecureRandom random = drbg();
        private final byte[] pool = new byte[NONCE_BYTES * BATCH];
        private final byte[] one = new byte[NONCE_BYTES];
        private int at = pool.length;

        String next() {
            if (at == pool.length) {
                random.nextBytes(pool);
                at = 0;
            }
            System.arraycopy(pool, at, one, 0, NONCE_BYTES);
            // each nonce is handed out once: wipe it from the pool
            java.util.Arrays.fill(pool, at, at + NONCE_BYTES, (byte) 0);
            at += NONCE_BYTES;
            return ENCODER.encodeToString(one);
        }

        private static SecureRandom drbg() {
            try {
                return SecureRandom.getInstance("DRBG",
                        DrbgParameters.instantiation(256, DrbgParameters.Capability.RESEED_ONLY, null));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK's DRBG is required for CSP nonces", e);
            }
        }
    }
}
