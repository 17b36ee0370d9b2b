package io.warden.rules.auth.jwt;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * One key that may verify token signatures, with the algorithms it is allowed for. The key's own
 * type decides those algorithms (an RSA key only ever verifies RS*, the HMAC secret only HS*), which
 * is what defeats algorithm confusion: a token cannot make an RSA public key act as an HMAC secret.
 * Immutable and thread-safe; its verifiers are built once.
 */
public final class VerificationKey {

    /** RSA keys shorter than this are refused (NIST SP 800-131A). */
    public static final int MIN_RSA_BITS = 2048;
    /** HMAC secrets shorter than this are refused (RFC 7518 §3.2: at least the hash size of HS256). */
    public static final int MIN_HMAC_BYTES = 32;

    private final String kid;
    private final String description;
    private final Map<JwtAlgorithm, SignatureCheck> verifiers;

    private VerificationKey(String kid, String description, Map<JwtAlgorithm, SignatureCheck> verifiers) {
        this.kid = kid;
        this.description = description;
        this.verifiers = verifiers;
    }

    /** The shared secret of HS256/384/512 tokens ({@code auth.jwtSecret}). It never has a key id. */
    public static VerificationKey hmac(byte[] secret) {
        if (secret == null || secret.length < MIN_HMAC_BYTES) {
            throw new IllegalArgumentException("an HMAC secret needs at least " + MIN_HMAC_BYTES + " bytes");
        }
        Map<JwtAlgorithm, SignatureCheck> verifiers = new EnumMap<>(JwtAlgorithm.class);
        for (JwtAlgorithm alg : JwtAlgorithm.values()) {
            if (alg.family() == JwtAlgorithm.Family.HMAC) {
                verifiers.put(alg, alg.hmac(secret));
            }
        }
        return new VerificationKey(null, "HMAC secret", Collections.unmodifiableMap(verifiers));
    }

    /**
     * An RSA or EC public key.
     *
     * @param kid the key id tokens name it by, or null to let it verify tokens of any key id
     * @param only the one algorithm the key is published for (a JWK's {@code alg}), or null for all
     *             algorithms its type allows
     */
    public static VerificationKey publicKey(String kid, PublicKey key, JwtAlgorithm only) {
        Map<JwtAlgorithm, SignatureCheck> verifiers = new EnumMap<>(JwtAlgorithm.class);
        String description;
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                throw new IllegalArgumentException("RSA key of " + bits + " bits; at least " + MIN_RSA_BITS + " required");
            }
            description = "RSA " + bits;
            for (JwtAlgorithm alg : JwtAlgorithm.values()) {
                if (alg.family() == JwtAlgorithm.Family.RSA) {
                    verifiers.put(alg, SignatureCheck.of(alg.rsa(rsa)));
                }
            }
        } else if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            description = "EC " + bits;
            for (JwtAlgorithm alg : JwtAlgorithm.values()) {
                if (alg.family() == JwtAlgorithm.Family.EC && alg.curveBits() == bits) {
                    verifiers.put(alg, EcdsaSignatureCheck.of(alg, ec));
                }
            }
            if (verifiers.isEmpty()) {
                throw new IllegalArgumentException("EC key on a " + bits + "-bit curve; P-256, P-384 or P-521 required");
            }
        } else {
            throw new IllegalArgumentException("unsupported key type " + (key == null ? "null" : key.getAlgorithm())
                    + "; RSA or EC required");
        }
        if (only != null) {
            if (!verifiers.containsKey(only)) {
                throw new IllegalArgumentException(description + " key cannot verify " + only);
            }
            verifiers.keySet().retainAll(Set.of(only));
        }
        return new VerificationKey(kid, description, Collections.unmodifiableMap(verifiers));
    }

    /** The key id, or null when the key verifies tokens of any key id. */
    public String kid() {
        return kid;
    }

    public Set<JwtAlgorithm> algorithms() {
        return verifiers.keySet();
    }

    public boolean supports(JwtAlgorithm alg) {
        return verifiers.containsKey(alg);
    }

    /** Whether this key may verify a token signed with {@code alg} that names key id {@code tokenKid}. */
    public boolean matches(JwtAlgorithm alg, String tokenKid) {
        return supports(alg) && (tokenKid == null || kid == null || kid.equals(tokenKid));
    }

    SignatureCheck verifier(JwtAlgorithm alg) {
        return verifiers.get(alg);
    }

    /** Describes the key without any key material. */
    @Override
    public String toString() {
        return description + (kid == null ? "" : " kid=" + kid) + " " + verifiers.keySet();
    }
}
