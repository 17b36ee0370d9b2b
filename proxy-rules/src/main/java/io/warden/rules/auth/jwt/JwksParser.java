package io.warden.rules.auth.jwt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads a JWKS document (RFC 7517) into verification keys. Only signature keys of the supported
 * types are taken; every other entry is skipped with a reason, so one odd key does not cost the
 * whole set. Symmetric ({@code oct}) keys are never taken from a JWKS: the HMAC secret comes only
 * from {@code auth.jwtSecret}.
 */
public final class JwksParser {

    /** A document with more keys than this is refused rather than searched on every token. */
    public static final int MAX_KEYS = 64;

    private static final ObjectReader READER = JsonMapper.builder().build().reader();

    /**
     * @param keys the usable keys
     * @param skipped why each other entry was left out (key ids and types only, no key material)
     */
    public record Document(List<VerificationKey> keys, List<String> skipped) {
        public Document {
            keys = List.copyOf(keys);
            skipped = List.copyOf(skipped);
        }
    }

    private JwksParser() {
    }

    /** @throws IllegalArgumentException when the document is not a JWKS or has no usable key */
    public static Document parse(String json) {
        JsonNode root;
        try {
            root = READER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.path("keys").isArray()) {
            throw new IllegalArgumentException("not a JWKS: expected an object with a \"keys\" array");
        }
        JsonNode entries = root.get("keys");
        if (entries.size() > MAX_KEYS) {
            throw new IllegalArgumentException("has " + entries.size() + " keys; at most " + MAX_KEYS + " accepted");
        }
        List<VerificationKey> keys = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode jwk = entries.get(i);
            String kid = jwk.path("kid").isTextual() ? jwk.get("kid").asText() : null;
            try {
                keys.add(key(jwk, kid));
            } catch (IllegalArgumentException | GeneralSecurityException e) {
                skipped.add("keys[" + i + "]" + (kid == null ? "" : " kid=" + kid) + ": " + e.getMessage());
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("has no usable signature key" + (skipped.isEmpty() ? "" : ": " + skipped));
        }
        return new Document(keys, skipped);
    }

    private static VerificationKey key(JsonNode jwk, String kid) throws GeneralSecurityException {
        String use = text(jwk, "use", false);
        if (use != null && !use.equals("sig")) {
            throw new IllegalArgumentException("use '" + use + "' is not sig");
        }
        JsonNode ops = jwk.get("key_ops");
        if (ops != null && ops.isArray() && !containsText(ops, "verify")) {
            throw new IllegalArgumentException("key_ops does not include verify");
        }
        JwtAlgorithm only = null;
        String alg = text(jwk, "alg", false);
        if (alg != null) {
            only = JwtAlgorithm.fromHeader(alg);
            if (only == null) {
                throw new IllegalArgumentException("alg '" + alg + "' is not supported");
            }
        }
        String kty = text(jwk, "kty", true);
        PublicKey key = switch (kty) {
            case "RSA" -> rsa(jwk);
            case "EC" -> ec(jwk);
            case "oct" -> throw new IllegalArgumentException("symmetric keys are never taken from a JWKS");
            default -> throw new IllegalArgumentException("kty '" + kty + "' is not supported");
        };
        return VerificationKey.publicKey(kid, key, only);
    }

    private static PublicKey rsa(JsonNode jwk) throws GeneralSecurityException {
        BigInteger n = new BigInteger(1, bytes(jwk, "n"));
        BigInteger e = new BigInteger(1, bytes(jwk, "e"));
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
    }

    private static PublicKey ec(JsonNode jwk) throws GeneralSecurityException {
        String crv = text(jwk, "crv", true);
        String curve = switch (crv) {
            case "P-256" -> "secp256r1";
            case "P-384" -> "secp384r1";
            case "P-521" -> "secp521r1";
            default -> throw new IllegalArgumentException("crv '" + crv + "' is not supported");
        };
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec(curve));
        ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
        int size = (spec.getCurve().getField().getFieldSize() + 7) / 8;
        byte[] x = bytes(jwk, "x");
        byte[] y = bytes(jwk, "y");
        if (x.length != size || y.length != size) {
            throw new IllegalArgumentException("coordinates of " + crv + " must be " + size + " bytes");
        }
        ECPoint point = new ECPoint(new BigInteger(1, x), new BigInteger(1, y));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
    }

    private static String text(JsonNode jwk, String field, boolean required) {
        JsonNode value = jwk.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new IllegalArgumentException("missing \"" + field + "\"");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a string");
        }
        return value.asText();
    }

    private static byte[] bytes(JsonNode jwk, String field) {
        try {
            return Base64.getUrlDecoder().decode(text(jwk, field, true));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + field + "\" is not base64url");
        }
    }

    private static boolean containsText(JsonNode array, String wanted) {
        for (JsonNode item : array) {
            if (wanted.equals(item.asText())) {
                return true;
            }
        }
        return false;
    }
}
