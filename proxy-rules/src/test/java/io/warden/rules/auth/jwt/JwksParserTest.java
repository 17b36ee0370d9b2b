package io.warden.rules.auth.jwt;

import io.warden.rules.auth.Fixtures;
import io.warden.rules.auth.Fixtures.ManualClock;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwksParserTest {

    static String jwks(String... keys) {
        return "{\"keys\":[" + String.join(",", keys) + "]}";
    }

    static String rsaJwk(String kid, RSAPublicKey key) {
        return "{\"kty\":\"RSA\",\"kid\":\"" + kid + "\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""
                + unsigned(key.getModulus(), 0) + "\",\"e\":\"" + unsigned(key.getPublicExponent(), 0) + "\"}";
    }

    static String ecJwk(String kid, ECPublicKey key) {
        return "{\"kty\":\"EC\",\"kid\":\"" + kid + "\",\"crv\":\"P-256\",\"x\":\""
                + unsigned(key.getW().getAffineX(), 32) + "\",\"y\":\"" + unsigned(key.getW().getAffineY(), 32) + "\"}";
    }

    private static String unsigned(BigInteger value, int size) {
        byte[] bytes = value.toByteArray();
        if (bytes[0] == 0 && bytes.length > 1) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        if (size > bytes.length) {
            byte[] padded = new byte[size];
            System.arraycopy(bytes, 0, padded, size - bytes.length, bytes.length);
            bytes = padded;
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Test
    void readsRsaAndEcSignatureKeysAndSkipsTheRest() {
        KeyPair rsa = Fixtures.rsaKeys();
        KeyPair ec = Fixtures.ecKeys("secp256r1");
        JwksParser.Document doc = JwksParser.parse(jwks(
                rsaJwk("r1", (RSAPublicKey) rsa.getPublic()),
                ecJwk("e1", (ECPublicKey) ec.getPublic()),
                "{\"kty\":\"oct\",\"kid\":\"s1\",\"k\":\"c2VjcmV0\"}",
                "{\"kty\":\"RSA\",\"kid\":\"enc\",\"use\":\"enc\",\"n\":\"AQAB\",\"e\":\"AQAB\"}",
                "{\"kty\":\"OKP\",\"kid\":\"ed\",\"crv\":\"Ed25519\",\"x\":\"AA\"}"));

        assertThat(doc.keys()).extracting(VerificationKey::kid).containsExactly("r1", "e1");
        assertThat(doc.keys().get(0).algorithms()).as("a JWK's alg pins the key to it").containsExactly(JwtAlgorithm.RS256);
        assertThat(doc.keys().get(1).algorithms()).containsExactly(JwtAlgorithm.ES256);
        assertThat(doc.skipped()).hasSize(3);
        assertThat(doc.skipped().get(0)).as("an HMAC secret must never come from a key server")
                .contains("symmetric keys are never taken from a JWKS");
    }

    @Test
    void refusesDocumentsWithoutUsableKeysAndShortRsaKeys() {
        assertThatThrownBy(() -> JwksParser.parse("{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}]}"))
                .hasMessageContaining("no usable signature key");
        assertThatThrownBy(() -> JwksParser.parse("[]")).hasMessageContaining("not a JWKS");
        assertThatThrownBy(() -> JwksParser.parse("{")).hasMessageContaining("not JSON");
        String small = "{\"kty\":\"RSA\",\"n\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[128])
                .replace('A', 'B') + "\",\"e\":\"AQAB\"}";
        assertThatThrownBy(() -> JwksParser.parse(jwks(small))).hasMessageContaining("at least 2048");
    }

    @Test
    void badUpdateKeepsThePreviousKeys() {
        ManualClock clock = ManualClock.atNow();
        JwksKeySet set = new JwksKeySet(clock, Duration.ofSeconds(30), KeyRefreshListener.ignoring());
        set.update(jwks(rsaJwk("r1", (RSAPublicKey) Fixtures.rsaKeys().getPublic())));

        assertThatThrownBy(() -> set.update("<html>502 Bad Gateway</html>")).isInstanceOf(IllegalArgumentException.class);
        assertThat(set.keys()).as("an outage of the key server must not empty the key set")
                .extracting(VerificationKey::kid).containsExactly("r1");
    }
}
