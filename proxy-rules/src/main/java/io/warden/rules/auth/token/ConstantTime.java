package io.warden.rules.auth.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Comparisons of values that act as bearer secrets (token ids), in time independent of where they differ. */
final class ConstantTime {

    private ConstantTime() {
    }

    static boolean equal(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
