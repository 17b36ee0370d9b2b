package io.warden.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks {@code Authorization: Bearer <token>} in constant time. Both sides are hashed first, so
 * the comparison takes the same time whatever the length or content of a guess.
 */
public final class BearerToken {

    private final byte[] expectedDigest;

    /** @param token the configured token, or null: then nothing authenticates */
    public BearerToken(String token) {
        this.expectedDigest = token == null ? null : sha256(token);
    }

    public boolean matches(String authorizationHeader) {
        if (expectedDigest == null || authorizationHeader == null) {
            return false;
        }
        String header = authorizationHeader.trim();
        if (header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(expectedDigest, sha256(header.substring(7).trim()));
    }

    /**
     * Names the token in the audit trail without revealing it: {@code admin-token:} and the first
     * 8 hex digits of its SHA-256 (32 bits of a hash of 32+ characters give nothing away).
     */
    public String fingerprint() {
        if (expectedDigest == null) {
            return "admin";
        }
        StringBuilder out = new StringBuilder("admin-token:");
        for (int i = 0; i < 4; i++) {
            out.append(Character.forDigit(expectedDigest[i] >> 4 & 0xf, 16))
                    .append(Character.forDigit(expectedDigest[i] & 0xf, 16));
        }
        return out.toString();
    }

    public boolean configured() {
        return expectedDigest != null;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
