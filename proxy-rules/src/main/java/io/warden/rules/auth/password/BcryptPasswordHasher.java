package io.warden.rules.auth.password;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * bcrypt ({@code $2b$}) through BouncyCastle's {@link OpenBSDBCrypt}, whose check compares the
 * recomputed hash in constant time. bcrypt reads at most 72 bytes of a password, so longer ones
 * are refused rather than silently cut.
 */
public final class BcryptPasswordHasher implements PasswordHasher {

    public static final int MIN_COST = 12;
    public static final int MAX_COST = 20;
    public static final int MAX_PASSWORD_BYTES = 72;

    private static final String VERSION = "2b";
    private static final char[] PLACEHOLDER = "timing-placeholder".toCharArray();

    private final int cost;
    private final SecureRandom random;

    public BcryptPasswordHasher(int cost, SecureRandom random) {
        if (cost < MIN_COST || cost > MAX_COST) {
            throw new IllegalArgumentException("bcrypt cost must be between " + MIN_COST + " and " + MAX_COST + ", got " + cost);
        }
        this.cost = cost;
        this.random = Objects.requireNonNull(random, "random");
    }

    public int cost() {
        return cost;
    }

    /** Why bcrypt cannot take this password (empty, or over 72 bytes as UTF-8), or null when it can. */
    public static String unusable(char[] password) {
        if (password == null || password.length == 0) {
            return "is empty";
        }
        int bytes = utf8Length(password);
        return bytes > MAX_PASSWORD_BYTES ? "is " + bytes + " bytes as UTF-8; bcrypt reads at most " + MAX_PASSWORD_BYTES : null;
    }

    @Override
    public String hash(char[] password) {
        String problem = unusable(password);
        if (problem != null) {
            throw new IllegalArgumentException("the password " + problem);
        }
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return OpenBSDBCrypt.generate(VERSION, password, salt, cost);
    }

    @Override
    public boolean verify(char[] password, String hash) {
        boolean usable = unusable(password) == null;
        try {
            // An unusable password still pays for one bcrypt run, so refusing it takes as long as a mismatch.
            boolean matches = OpenBSDBCrypt.checkPassword(hash, usable ? password : PLACEHOLDER);
            return usable && matches;
        } catch (IllegalArgumentException malformedHash) {
            return false;
        }
    }

    private static int utf8Length(char[] password) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        int length = bytes.remaining();
        if (bytes.hasArray()) {
            Arrays.fill(bytes.array(), (byte) 0);
        }
        return length;
    }
}
