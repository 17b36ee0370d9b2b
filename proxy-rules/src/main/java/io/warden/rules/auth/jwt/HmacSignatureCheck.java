package io.warden.rules.auth.jwt;

import com.auth0.jwt.interfaces.DecodedJWT;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * HS256/384/512 verification with one {@link Mac} per thread, keyed once: java-jwt looks the
 * algorithm up in the provider list and keys a new {@code Mac} for every token, which was a third of
 * the cost of verifying one. The comparison is constant-time ({@link MessageDigest#isEqual}).
 */
final class HmacSignatureCheck implements SignatureCheck {

    private final ThreadLocal<Mac> macs;

    HmacSignatureCheck(String jcaName, byte[] secret) {
        SecretKeySpec key = new SecretKeySpec(secret.clone(), jcaName);
        newMac(jcaName, key); // a JVM without the algorithm fails at configuration, not on a token
        this.macs = ThreadLocal.withInitial(() -> newMac(jcaName, key));
    }

    private static Mac newMac(String jcaName, SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(jcaName);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(jcaName + " is not available in this JVM", e);
        }
    }

    @Override
    public boolean verifies(DecodedJWT jwt) {
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(jwt.getSignature());
        } catch (IllegalArgumentException notBase64Url) {
            return false;
        }
        Mac mac = macs.get();
        mac.update(jwt.getHeader().getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '.');
        return MessageDigest.isEqual(mac.doFinal(jwt.getPayload().getBytes(StandardCharsets.US_ASCII)), signature);
    }
}
