package io.warden.rules.auth.jwt;

import com.auth0.jwt.algorithms.Algorithm;

import java.security.interfaces.RSAPublicKey;

/**
 * The signature algorithms Warden can verify. {@code none} is deliberately absent: it cannot be
 * configured, and a token naming it never matches.
 */
public enum JwtAlgorithm {
    HS256(Family.HMAC, 256), HS384(Family.HMAC, 384), HS512(Family.HMAC, 512),
    RS256(Family.RSA, 256), RS384(Family.RSA, 384), RS512(Family.RSA, 512),
    ES256(Family.EC, 256), ES384(Family.EC, 384), ES512(Family.EC, 521);

    /** The kind of key an algorithm needs; a key of one family never verifies another's tokens. */
    public enum Family { HMAC, RSA, EC }

    private final Family family;
    private final int size;

    JwtAlgorithm(Family family, int size) {
        this.family = family;
        this.size = size;
    }

    public Family family() {
        return family;
    }

    /** The EC curve's field size this algorithm is defined for (ES512 uses P-521). */
    int curveBits() {
        return size;
    }

    /** Reads an operator's spelling (case-insensitive); refuses {@code none} with a reason. */
    public static JwtAlgorithm parse(String text) {
        String s = text == null ? "" : text.trim();
        if (s.equalsIgnoreCase("none")) {
            throw new IllegalArgumentException("'none' is never accepted: every token must be signed");
        }
        for (JwtAlgorithm a : values()) {
            if (a.name().equalsIgnoreCase(s)) {
                return a;
            }
        }
        throw new IllegalArgumentException(
                "expected one of HS256, HS384, HS512, RS256, RS384, RS512, ES256, ES384, ES512, got '" + text + "'");
    }

    /**
     * The algorithm a token header names, matched exactly as JWA spells it; null for {@code none},
     * other spellings and anything unknown, so no header value can select an algorithm by accident.
     */
    public static JwtAlgorithm fromHeader(String alg) {
        if (alg == null) {
            return null;
        }
        return switch (alg) {
            case "HS256" -> HS256;
            case "HS384" -> HS384;
            case "HS512" -> HS512;
            case "RS256" -> RS256;
            case "RS384" -> RS384;
            case "RS512" -> RS512;
            case "ES256" -> ES256;
            case "ES384" -> ES384;
            case "ES512" -> ES512;
            default -> null;
        };
    }

    SignatureCheck hmac(byte[] secret) {
        return switch (this) {
            case HS256 -> new HmacSignatureCheck("HmacSHA256", secret);
            case HS384 -> new HmacSignatureCheck("HmacSHA384", secret);
            case HS512 -> new HmacSignatureCheck("HmacSHA512", secret);
            default -> throw new IllegalStateException(this + " is not an HMAC algorithm");
        };
    }

    Algorithm rsa(RSAPublicKey key) {
        return switch (this) {
            case RS256 -> Algorithm.RSA256(key);
            case RS384 -> Algorithm.RSA384(key);
            case RS512 -> Algorithm.RSA512(key);
            default -> throw new IllegalStateException(this + " is not an RSA algorithm");
        };
    }
}
