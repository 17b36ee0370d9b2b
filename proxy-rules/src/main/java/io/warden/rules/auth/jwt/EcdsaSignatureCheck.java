package io.warden.rules.auth.jwt;

import com.auth0.jwt.interfaces.DecodedJWT;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;

/**
 * ES256/384/512 verification with BouncyCastle's ECDSA on its optimised named curves: on Java 17
 * the JDK's own ECDSA takes about a millisecond per P-256 verification, BouncyCastle's about a
 * tenth of that. The JOSE signature is r and s as fixed-length big-endian halves (RFC 7518 §3.4);
 * BouncyCastle refuses r or s outside [1, n-1], which rules out "psychic" zero signatures, and
 * refuses public points off the curve when the key is built.
 */
final class EcdsaSignatureCheck implements SignatureCheck {

    private final ECPublicKeyParameters key;
    private final String digest;
    private final int half;

    private EcdsaSignatureCheck(ECPublicKeyParameters key, String digest, int half) {
        this.key = key;
        this.digest = digest;
        this.half = half;
    }

    /** @throws IllegalArgumentException when the key is not on the curve {@code alg} is defined for */
    static EcdsaSignatureCheck of(JwtAlgorithm alg, ECPublicKey publicKey) {
        String curve;
        String digest;
        switch (alg) {
            case ES256 -> {
                curve = "secp256r1";
                digest = "SHA-256";
            }
            case ES384 -> {
                curve = "secp384r1";
                digest = "SHA-384";
            }
            case ES512 -> {
                curve = "secp521r1";
                digest = "SHA-512";
            }
            default -> throw new IllegalArgumentException(alg + " is not an ECDSA algorithm");
        }
        X9ECParameters x9 = CustomNamedCurves.getByName(curve);
        if (!publicKey.getParams().getOrder().equals(x9.getN())
                || !publicKey.getParams().getGenerator().getAffineX().equals(x9.getG().getAffineXCoord().toBigInteger())) {
            throw new IllegalArgumentException("EC key is not on " + curve);
        }
        ECDomainParameters domain = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
        ECPublicKeyParameters key = new ECPublicKeyParameters(
                x9.getCurve().createPoint(publicKey.getW().getAffineX(), publicKey.getW().getAffineY()), domain);
        return new EcdsaSignatureCheck(key, digest, (x9.getCurve().getFieldSize() + 7) / 8);
    }

    @Override
    public boolean verifies(DecodedJWT jwt) {
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(jwt.getSignature());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (signature.length != 2 * half) {
            return false;
        }
        BigInteger r = new BigInteger(1, signature, 0, half);
        BigInteger s = new BigInteger(1, signature, half, half);
        ECDSASigner signer = new ECDSASigner();
        signer.init(false, key);
        return signer.verifySignature(hash(jwt), r, s);
    }

    private byte[] hash(DecodedJWT jwt) {
        try {
            MessageDigest md = MessageDigest.getInstance(digest);
            md.update(jwt.getHeader().getBytes(StandardCharsets.US_ASCII));
            md.update((byte) '.');
            md.update(jwt.getPayload().getBytes(StandardCharsets.US_ASCII));
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(digest + " is required of every Java runtime", e);
        }
    }
}
