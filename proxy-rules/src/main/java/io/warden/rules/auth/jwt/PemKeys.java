package io.warden.rules.auth.jwt;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Public keys from PEM text, as core reads it from the files of {@code auth.publicKeys}: blocks of
 * {@code PUBLIC KEY} (RSA or EC), {@code RSA PUBLIC KEY} (PKCS#1) and {@code CERTIFICATE}. A
 * private key is refused outright: Warden only verifies and must never hold signing keys.
 */
public final class PemKeys {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    private PemKeys() {
    }

    /**
     * @param kid the key id to give every key of the text, or null to let them verify any key id
     * @throws IllegalArgumentException naming the block that cannot be used
     */
    public static List<VerificationKey> parse(String pem, String kid) {
        List<VerificationKey> keys = new ArrayList<>();
        Matcher m = BLOCK.matcher(pem);
        int index = 0;
        while (m.find()) {
            String type = m.group(1);
            String where = "PEM block " + index++ + " (" + type + ")";
            if (type.contains("PRIVATE")) {
                throw new IllegalArgumentException(where + " is a private key; give Warden only the public key");
            }
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(2));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + " is not valid base64");
            }
            try {
                keys.add(VerificationKey.publicKey(kid, publicKey(type, der), null));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no PEM public key or certificate found");
        }
        return keys;
    }

    private static PublicKey publicKey(String type, byte[] der) throws GeneralSecurityException {
        return switch (type) {
            case "PUBLIC KEY" -> subjectPublicKeyInfo(der);
            case "RSA PUBLIC KEY" -> pkcs1(der);
            case "CERTIFICATE" -> CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
            default -> throw new IllegalArgumentException("unsupported PEM type");
        };
    }

    private static PublicKey subjectPublicKeyInfo(byte[] der) throws GeneralSecurityException {
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        try {
            return KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (GeneralSecurityException notRsa) {
            return KeyFactory.getInstance("EC").generatePublic(spec);
        }
    }

    private static PublicKey pkcs1(byte[] der) throws GeneralSecurityException {
        org.bouncycastle.asn1.pkcs.RSAPublicKey key;
        try {
            key = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(der);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a PKCS#1 RSA public key");
        }
        return KeyFactory.getInstance("RSA").generatePublic(
                new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
    }
}
